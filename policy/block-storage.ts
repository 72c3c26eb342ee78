import { ResourceValidationPolicy } from "@pulumi/policy";
import { known } from "./util";

/** The provisioners whose `parameters.type` is an EBS volume type, and the type each applies when none is set. */
const ebsProvisioners: Record<string, string> = { "ebs.csi.aws.com": "gp3", "kubernetes.io/aws-ebs": "gp2" };

/** Each volume a resource asks for, as [where, volume type]; an unset type falls back to gp2 (the AMI's type for a block device mapping, gp2 on most). */
const volumeTypes: Record<string, (props: Record<string, any>) => [string, unknown][]> = {
    "aws:ebs/volume:Volume": (props) => [["type", props.type]],
    "aws:ec2/launchTemplate:LaunchTemplate": (props) =>
        (props.blockDeviceMappings ?? [])
            .filter((mapping: any) => mapping.ebs)
            .map((mapping: any) => [`blockDeviceMappings ${mapping.deviceName ?? ""}`.trim() + " ebs.volumeType", mapping.ebs.volumeType]),
    "aws:ec2/instance:Instance": (props) => [
        ...(props.rootBlockDevice ? [["rootBlockDevice.volumeType", props.rootBlockDevice.volumeType] as [string, unknown]] : []),
        ...(props.ebsBlockDevices ?? []).map((device: any) => [`ebsBlockDevices ${device.deviceName} volumeType`, device.volumeType]),
    ],
    "kubernetes:storage.k8s.io/v1:StorageClass": (props) =>
        props.provisioner in ebsProvisioners ? [["parameters.type", props.parameters?.type ?? ebsProvisioners[props.provisioner]]] : [],
    // Aurora (a cluster's instances) keeps its own storage; io1 is RDS's default only when `iops` is set.
    "aws:rds/instance:Instance": (props) => (String(props.engine ?? "").startsWith("aurora") ? [] : [["storageType", props.storageType ?? (props.iops ? "io1" : undefined)]]),
};

export interface BlockStorageConfig {
    provisionedIopsExemptions: string[];
}

export const gp3BlockStorage: ResourceValidationPolicy = {
    name: "gp3-block-storage",
    description:
        "Block storage is gp3 (EBS volumes, launch-template and instance block devices, EBS StorageClasses, RDS storage): gp2 ties IOPS to size and costs more; io1/io2 only for resources named in provisionedIopsExemptions.",
    enforcementLevel: "mandatory",
    configSchema: { properties: { provisionedIopsExemptions: { type: "array", items: { type: "string" }, default: [] } } },
    validateResource: (args, reportViolation) => {
        const read = volumeTypes[args.type];
        // A type a preview does not know yet is judged at `up`.
        const volumes = read ? known(() => read(args.props)) : undefined;
        if (!volumes) {
            return;
        }
        for (const [where, volumeType] of volumes) {
            if (volumeType === "gp3") {
                continue;
            }
            if (volumeType === "io1" || volumeType === "io2") {
                if (!args.getConfig<BlockStorageConfig>().provisionedIopsExemptions.includes(args.name)) {
                    reportViolation(`${where} is ${volumeType}; provisioned IOPS need an exemption (add "${args.name}" to provisionedIopsExemptions), else use gp3 with the IOPS it needs`);
                }
                continue;
            }
            const found = volumeType === undefined ? "unset (the default is gp2)" : JSON.stringify(volumeType);
            reportViolation(`${where} is ${found}; use gp3 (IOPS and throughput set apart from size, and cheaper than gp2)`);
        }
    },
};

/** Block storage: EBS and RDS volume types. */
export const blockStoragePolicies = [gp3BlockStorage];
