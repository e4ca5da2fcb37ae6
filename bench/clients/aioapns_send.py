"""Reference 3: Debian's python3-aioapns (a peer APNs client) against the simulator.

aioapns always connects to Apple's host on port 443, so the pool's create_connection is
overridden to reach 127.0.0.1:<port> while TLS still checks the simulator's certificate
(with its CA) under a name it carries, and the SSL context offers ALPN h2 (aioapns offers
none, and Node's HTTP/2 server drops such clients). Token authentication with the .p8 key; one
connection and the same window as the other clients.

    /usr/bin/python3 aioapns_send.py <config.json>
    config: {port, caFile, p8File, keyId, teamId, topic, tokensFile, concurrency, text}
Prints {"sent":n,"failed":n,"sendMs":ms} on stdout.
"""
import asyncio
import json
import ssl
import sys
import time
from functools import partial
from uuid import uuid4

from aioapns import APNs, NotificationRequest, PushType
from aioapns.connection import APNsKeyConnectionPool, JWTAuthorizationHeaderProvider


def main() -> int:
    with open(sys.argv[1]) as f:
        cfg = json.load(f)

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

    with open(cfg["tokensFile"]) as f:
        tokens = [line.strip() for line in f if line.strip()]

    async def run():
        context = ssl.create_default_context(cafile=cfg["caFile"])
        # aioapns sets no ALPN; Node's HTTP/2 server (the simulator) drops TLS clients that offer none.
        context.set_alpn_protocols(["h2"])
        client = APNs(
            key=cfg["p8File"], key_id=cfg["keyId"], team_id=cfg["teamId"], topic=cfg["topic"],
            use_sandbox=True, max_connections=1, ssl_context=context,
        )
        counts = {"sent": 0, "failed": 0}
        it = iter(tokens)

        async def worker():
            for token in it:
                request = NotificationRequest(
                    device_token=token,
                    message={"aps": {"alert": cfg["text"]}},
                    notification_id=str(uuid4()),
                    push_type=PushType.ALERT,
                    priority=10,
                )
                result = await client.send_notification(request)
                counts["sent" if result.is_successful else "failed"] += 1

        started = time.perf_counter()
        await asyncio.gather(*(worker() for _ in range(cfg["concurrency"])))
        counts["sendMs"] = (time.perf_counter() - started) * 1000
        client.pool.close()
        return counts

    counts = asyncio.run(run())
    print(json.dumps(counts))
    return 0 if counts["failed"] == 0 else 1


if __name__ == "__main__":
    sys.exit(main())
