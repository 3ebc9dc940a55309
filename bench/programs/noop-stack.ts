// Bench baseline: `bench:n` trivial dynamic resources. The same engine, language host and dynamic-provider
// process as the job stacks, and no vendor at all: what is left is the engine's own overhead.
import * as pulumi from "@pulumi/pulumi";
import { Echo } from "../../harness/programs/echo";

const n = new pulumi.Config("bench").requireNumber("n");
for (let i = 0; i < n; i++) new Echo(`noop-${i}`, { message: `noop ${i}`, repeat: 1 });

export const resources = n;
