// Debian's nginx in front of the test server (tests/run-all.sh installs it when missing), started
// with a configuration of its own in a temporary directory, on its own port: never the system
// service. `http` holds extra directives for the http block; `location` the body of `location /`
// (the upstream is named forma_backend); `port`, when the app must know nginx's address first. Stopped with SIGQUIT, as nginx's graceful shutdown.
import { spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { freePort, root, waitFor } from "./support.ts";

const NGINX = process.env.FORMA_NGINX ?? "/usr/sbin/nginx";

export type RunningNginx = { url: string; dir: string; output: () => string; stop: () => Promise<void> };

export async function startNginx(options: { upstreamPort: number; location: string; http?: string; port?: number }) {
  if (!fs.existsSync(NGINX)) throw new Error(`nginx not found at ${NGINX}: apt-get install -y nginx`);
  const port = options.port ?? (await freePort());
  const url = `http://127.0.0.1:${port}`;
  fs.mkdirSync(path.join(root, "tests/.tmp"), { recursive: true });
  const dir = fs.mkdtempSync(path.join(root, "tests/.tmp/nginx-"));
  fs.chmodSync(dir, 0o777); // nginx's workers may run as "nobody": they write bodies and cache files here
  const config = path.join(dir, "nginx.conf");
  fs.writeFileSync(
    config,
    `daemon off;
worker_processes 1;
pid ${dir}/nginx.pid;
error_log ${dir}/error.log warn;
events { worker_connections 128; }
http {
  access_log off;
  client_body_temp_path ${dir}/client_body;
  proxy_temp_path ${dir}/proxy;
  fastcgi_temp_path ${dir}/fastcgi;
  uwsgi_temp_path ${dir}/uwsgi;
  scgi_temp_path ${dir}/scgi;
  client_max_body_size 6m;
  ${options.http ?? ""}
  upstream forma_backend { server 127.0.0.1:${options.upstreamPort}; }
  server {
    listen 127.0.0.1:${port};
    location / {
${options.location}
    }
  }
}
`,
  );
  let log = "";
  const nginx: ChildProcess = spawn(NGINX, ["-c", config, "-p", dir, "-e", `${dir}/error.log`], {
    stdio: ["ignore", "pipe", "pipe"],
  });
  nginx.stdout!.on("data", (c: Buffer) => (log += c.toString()));
  nginx.stderr!.on("data", (c: Buffer) => (log += c.toString()));
  await waitFor(
    async () => {
      if (nginx.exitCode !== null) throw new Error(`nginx exited: ${log}`);
      return fetch(`${url}/healthz`).then(
        (r) => r.ok,
        () => false,
      );
    },
    "nginx answering",
    20_000,
  );
  return {
    url,
    dir,
    output: () => log,
    stop: async () => {
      if (nginx.exitCode === null) {
        const exited = new Promise((resolve) => nginx.once("exit", resolve));
        nginx.kill("SIGQUIT");
        await exited;
      }
      fs.rmSync(dir, { recursive: true, force: true });
    },
  } satisfies RunningNginx;
}
