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
  config: ['nim-push config list', 'nim-push config show ci --json'],
};
