// Picks free TCP ports on 127.0.0.1 for node port mappings, so several clusters (and whatever else
// runs on the host) never fight over 80/443; scenarios ask the handle which port they got.
import { createServer } from "node:net";

import { LISTEN_ADDRESS } from "./kindConfig.js";

export type HostPortAllocator = (count: number) => Promise<number[]>;

export const freeHostPorts: HostPortAllocator = async (count) => {
  const servers = [];
  const ports: number[] = [];
  try {
    // Hold every listener open until all are chosen, so one call never returns the same port twice.
    for (let i = 0; i < count; i++) {
      const server = createServer();
      servers.push(server);
      await new Promise<void>((resolve, reject) => {
        server.once("error", reject);
        server.listen(0, LISTEN_ADDRESS, () => resolve());
      });
      const address = server.address();
      if (address === null || typeof address === "string") throw new Error("listener has no TCP address");
      ports.push(address.port);
    }
  } finally {
    await Promise.all(servers.map((s) => new Promise<void>((resolve) => s.close(() => resolve()))));
  }
  return ports;
};
