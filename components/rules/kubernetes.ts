/** A Kubernetes resource quantity such as `500m`, `4`, `8Gi`. */
export function quantityProblems(quantity: string): string[] {
    return /^\d+(\.\d+)?(m|k|M|G|T|Ki|Mi|Gi|Ti)?$/.test(quantity) ? [] : ["a Kubernetes quantity such as 4, 500m or 8Gi"];
}
