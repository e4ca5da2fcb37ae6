"""Debian's python3-aioapns as an independent APNs client: one push per token, token auth (.p8).

aioapns always dials Apple's host on port 443, so the pool's create_connection is pointed at
127.0.0.1:<port>, with TLS still verifying the simulator's certificate under a name it carries.
aioapns offers no ALPN; the context adds "h2".

    /usr/bin/python3 aioapns_push.py '<json config>'
    config: {port, caFile, p8File, keyId, teamId, topic, tokens: [...], sandbox}
Prints one JSON list: [{token, ok, status, reason}].
"""
import asyncio
import json
import ssl
import sys
from functools import partial

from aioapns import APNs, NotificationRequest, PushType
from aioapns.connection import APNsKeyConnectionPool, JWTAuthorizationHeaderProvider

cfg = json.loads(sys.argv[1])


async def create_connection(self):
    auth = JWTAuthorizationHeaderProvider(key=self.key, key_id=self.key_id, team_id=self.team_id)
    _, protocol = await self.loop.create_connection(
        protocol_factory=partial(self.protocol_class, self.apns_topic, self.loop, self.discard_connection, auth),
        host="127.0.0.1",
        port=cfg["port"],
        ssl=self.ssl_context,
        server_hostname="localhost",
    )
    return protocol


APNsKeyConnectionPool.create_connection = create_connection


async def run():
    context = ssl.create_default_context(cafile=cfg["caFile"])
    context.set_alpn_protocols(["h2"])
    client = APNs(key=cfg["p8File"], key_id=cfg["keyId"], team_id=cfg["teamId"], topic=cfg["topic"],
                  use_sandbox=cfg["sandbox"], max_connections=1, ssl_context=context)
    out = []
    for token in cfg["tokens"]:
        request = NotificationRequest(device_token=token, message={"aps": {"alert": "hello"}}, push_type=PushType.ALERT)
        result = await client.send_notification(request)
        out.append({"token": token, "ok": result.is_successful, "status": str(result.status), "reason": result.description})
    client.pool.close()
    return out


print(json.dumps(asyncio.run(run())))
