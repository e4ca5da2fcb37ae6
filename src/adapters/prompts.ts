/** The prompt adapter: inquirer on stderr. Commands receive a Prompter, so tests inject their own. */
export interface Prompter {
  input(q: { message: string; default?: string; validate?: (v: string) => string | true }): Promise<string>;
  secret(q: { message: string; validate?: (v: string) => string | true }): Promise<string>;
  select(q: { message: string; choices: Array<{ value: string; name: string }>; default?: string }): Promise<string>;
}

export async function createInquirerPrompter(): Promise<Prompter> {
  const { input, password, select } = await import('@inquirer/prompts');
  const context = { output: process.stderr };
  return {
    input: (q) => input({ message: q.message, default: q.default, validate: q.validate }, context),
    secret: (q) => password({ message: q.message, mask: '•', validate: q.validate }, context),
    select: (q) => select({ message: q.message, choices: q.choices, default: q.default }, context),
  };
}
