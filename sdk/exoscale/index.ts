// The Exoscale resources the platform uses, in the layout of the published @pulumiverse/exoscale SDK:
// `import * as exoscale from "<this folder>"` reads exactly like `import * as exoscale from "@pulumiverse/exoscale"`.

export * from "./antiAffinityGroup";
export * from "./nlb";
export * from "./nlbService";
export * from "./provider";
export * from "./securityGroup";
export * from "./securityGroupRule";
export * from "./sksCluster";
export * from "./sksKubeconfig";
export * from "./sksNodepool";

import * as types from "./types";

export { types };
