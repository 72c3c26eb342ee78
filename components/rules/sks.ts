/** Exoscale SKS limits shared by SksCluster and the stack config (`platform:sks`). */

/** An anti-affinity group holds at most 8 instances; the node pool shares one. */
export const maxNodepoolSize = 8;

/** The kubeconfig's lifetime is bounded: 90 days at most (the platform's default is SKS's 30). */
export const maxKubeconfigTtlDays = 90;
