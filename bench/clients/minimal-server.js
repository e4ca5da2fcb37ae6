/**
 * The floor of any Node HTTP server here: reads the request body and answers a fixed
 * {"code":200}. Prints its URL on stdout; stops on SIGTERM.
 */
import { createServer } from 'node:http';

const answer = Buffer.from('{"code":200}');
const server = createServer((req, res) => {
  req.on('data', () => undefined);
  req.on('end', () => {
    res.writeHead(200, { 'content-type': 'application/json;charset=utf-8', 'content-length': answer.length });
    res.end(answer);
  });
});
server.listen(0, '127.0.0.1', () => process.stdout.write(`listening on http://127.0.0.1:${server.address().port}/nimserver\n`));
process.on('SIGTERM', () => {
  server.closeAllConnections();
  server.close(() => process.exit(0));
});
