/** One or two real examples per command, shown at the end of its --help. */
export const EXAMPLES: Record<string, string[]> = {
  init: [
    'nim-push init',
    'nim-push init --profile ci --app-key $KEY --app-secret-env NIM_APP_SECRET --cert-name dev --p8 ./AuthKey_ABC123DEFG.p8 --team-id DEF123GHIJ --bundle-id com.example.app --env development --relay local --yes',
  ],
  'cert.check': [
    'nim-push cert check ./push.p12 --password-env P12_PASSWORD --bundle-id com.example.app --env production',
    'nim-push cert check ./AuthKey_ABC123DEFG.p8 --team-id DEF123GHIJ --json',
  ],
  'token.add': ['nim-push token add bob "<a1b2c3d4 e5f6…>" --cert-name dev --env development', 'nim-push token list bob --json'],
  token: ['nim-push token add bob 5d41…c0ff --cert-name dev', 'nim-push token remove bob'],
  'relay.serve': ['nim-push relay serve', 'nim-push relay serve --ephemeral --port 8080 --apns sim'],
  'relay.device': ['nim-push relay device bob --login online --app-state background --cert-name dev', 'nim-push relay device bob --desktop-online yes --push-when-desktop-online no'],
  relay: ['nim-push relay friend add alice bob', 'nim-push relay dnd bob on --window 22:00-07:00'],
  log: ['nim-push log --to bob', 'nim-push log --json --limit 5'],
  send: [
    'nim-push send --token 5d41402abc4b2a76b9719d911017c592aa0e5b8c2fd8e2f1b6e1f2a3b4c5d6e7 --push-text "发来了一条消息" --text hello',
    'nim-push send --to bob --from alice --text hello --push-text "发来了一条消息"',
  ],
  'apns-sim': ['nim-push apns-sim', 'nim-push apns-sim --port 2197 --production-port 2198'],
  'apns-sim.device': ['nim-push apns-sim device --topic com.example.app --env production'],
  diagnose: [
    'nim-push diagnose --to bob --from alice',
    'nim-push diagnose --app-state background --login online --friends no --non-friend-messages forbidden --blacklisted no --dnd off --desktop-online no --token-env development',
  ],
  demo: ['nim-push demo', 'nim-push demo --json --lang zh'],
  check: ['nim-push check --profile ci --warn-days 30 --junit nim-push-report.xml', 'nim-push check --send-to smoke-receiver --json'],
  config: ['nim-push config list', 'nim-push config show ci --json'],
};
