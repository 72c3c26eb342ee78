import { ArgsCheck, found } from "../args";
import { isDnsLabel } from "../rules/dns";

/** The argo-helm `argo-cd` chart, pinned (Argo CD 3.x). */
export const argoCdChart = { repo: "https://argoproj.github.io/argo-helm", chart: "argo-cd", version: "9.4.17" } as const;

/** Argo CD's own namespace; the chart's defaults and the argocd CLI assume it. */
export const argoCdNamespace = "argocd";

export interface ArgoCdArgs {
    /** HTTPS URL of the Git repository the bootstrap Application syncs. Required. */
    readonly repoUrl: string;
    /** Directory inside the repository. Required. */
    readonly path: string;
    /** Branch, tag or commit. Required. */
    readonly revision: string;
    /** Namespace the synced workloads land in, not `argocd`; created here with default-deny policies. Required. */
    readonly destinationNamespace: string;
    /** Exact version of the `argo-cd` chart. Default: {@link argoCdChart}.version. */
    readonly chartVersion?: string;
}

/** Args with every default applied. */
export type ResolvedArgoCdArgs = Required<ArgoCdArgs>;


/** Applies the defaults and lists every invalid argument, one line each. */
export function resolveArgs(args: ArgoCdArgs): ArgsCheck<ResolvedArgoCdArgs> {
    const resolved: ResolvedArgoCdArgs = { ...args, chartVersion: args.chartVersion ?? argoCdChart.version };
    const problems: string[] = [];
    if (!/^https:\/\/[^\s/]+\/\S+$/.test(resolved.repoUrl)) {
        problems.push(`repoUrl: ${found(resolved.repoUrl)}; expected an https:// URL of a Git repository`);
    }
    if (resolved.destinationNamespace === argoCdNamespace || !isDnsLabel(resolved.destinationNamespace)) {
        problems.push(`destinationNamespace: ${found(resolved.destinationNamespace)}; expected a DNS label other than "${argoCdNamespace}": workloads get a namespace of their own`);
    }
    if (!/^\d+\.\d+\.\d+$/.test(resolved.chartVersion)) {
        problems.push(`chartVersion: ${found(resolved.chartVersion)}; expected an exact chart version such as ${argoCdChart.version}`);
    }
    return { resolved, problems };
}
