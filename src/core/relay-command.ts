/** The command that starts the local relay, as messages tell users to run it. */
export const START_RELAY_COMMAND = 'nim-push relay serve';
