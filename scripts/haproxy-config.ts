/**
 * The load balancer's configuration for several Omnidesk server instances (issue 17), one definition for
 * `npm run cluster`, the test suite and deploy/haproxy.cfg: HTTP mode (WebSocket upgrades pass; socket.io here is
 * WebSocket-only, so a socket stays on its instance for its life and no sticky sessions are needed), round robin,
 * readiness checks on /api/ready (a dead or draining instance is out within a second), a refused connection
 * re-dispatched, and long tunnels for the sockets.
 */
export function haproxyConfig(bind: string, servers: ReadonlyArray<{ name: string; address: string }>): string {
  return [
    'global',
    "  # each connection holds two descriptors: raise the process's open-file limit to go past ~10,000",
    '  maxconn 8000',
    'defaults',
    '  mode http',
    '  timeout connect 2s',
    '  timeout client 60s',
    '  timeout server 60s',
    '  # an open WebSocket is a tunnel: idle sockets live as long as the desktop (socket.io pings every 25 s)',
    '  timeout tunnel 1h',
    '  option redispatch',
    '  retries 3',
    'frontend omnidesk',
    `  bind ${bind}`,
    '  default_backend servers',
    'backend servers',
    '  balance roundrobin',
    '  option httpchk GET /api/ready',
    '  http-check expect status 200',
    '  default-server inter 300ms fall 2 rise 1',
    ...servers.map((s) => `  server ${s.name} ${s.address} check`),
    '',
  ].join('\n');
}
