/**
 * The two floors our server is measured against, each in its own process like ours:
 *   node bench/floor-server.mjs bare   a node:http server answering a small JSON body (the limit)
 *   node bench/floor-server.mjs yoga   graphql-yoga with a one-field schema (the framework floor)
 * Both read the request body before answering, as a GraphQL server must. Prints
 * `listening <port>` once ready. Plain JavaScript: no transpiler in the measured process.
 */
import { createServer } from 'node:http';
import { createSchema, createYoga } from 'graphql-yoga';

const kind = process.argv[2];
const BODY = JSON.stringify({ data: { hello: 'world' } });

function bare() {
  return createServer((req, res) => {
    req.resume();
    req.on('end', () => {
      res.writeHead(200, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(BODY) });
      res.end(BODY);
    });
  });
}

function yoga() {
  const schema = createSchema({ typeDefs: 'type Query { hello: String! }', resolvers: { Query: { hello: () => 'world' } } });
  return createServer(createYoga({ schema, logging: false, landingPage: false, graphiql: false }));
}

const servers = { bare, yoga };
if (!servers[kind]) {
  console.error(`usage: node bench/floor-server.mjs ${Object.keys(servers).join('|')}`);
  process.exit(2);
}
const server = servers[kind]();
server.listen(0, '127.0.0.1', () => console.log(`listening ${server.address().port}`));
process.on('SIGTERM', () => server.close(() => process.exit(0)));
