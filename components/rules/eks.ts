/** EKS limits shared by EksCluster and the stack config (`platform:eks`). */

/**
 * Kubernetes minor versions EKS offers in standard support. Update when EKS releases or retires a
 * version: a cluster outside standard support bills the extended-support surcharge.
 */
export const eksVersions = ["1.31", "1.32", "1.33", "1.34"] as const;

export type EksVersion = (typeof eksVersions)[number];

/** Retention periods CloudWatch Logs accepts, in days. */
export const logRetentionDays = [1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653] as const;

/** Every control-plane log EKS can send to CloudWatch. */
export const controlPlaneLogTypes = ["api", "audit", "authenticator", "controllerManager", "scheduler"] as const;

export type ControlPlaneLogType = (typeof controlPlaneLogTypes)[number];

/**
 * The control-plane logs every cluster keeps: API calls, the audit trail and IAM authentication.
 * The controller manager's and scheduler's logs are added in production (see the stack program).
 */
export const baselineControlPlaneLogTypes: readonly ControlPlaneLogType[] = ["api", "audit", "authenticator"];
