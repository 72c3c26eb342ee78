import { unknownValue } from "@pulumi/pulumi/runtime/rpc";
import { expect } from "chai";
import { PolicyPackConfig } from "../engine/analyzer";
import { RecordedResource } from "../engine/monitor";
import { providerIn, recorded, violationsOfPolicy } from "./helpers/policy";

const provider = providerIn("production");
const gp3 = (resources: RecordedResource[], config?: PolicyPackConfig) => violationsOfPolicy("gp3-block-storage", resources, config);

/** Each kind of block storage with one volume of the given type, where that kind keeps it. */
const volumeKinds: Record<string, [string, (volumeType: unknown) => Record<string, unknown>]> = {
    "aws:ebs/volume:Volume": ["type", (type) => ({ availabilityZone: "eu-central-1a", size: 100, type })],
    "aws:ec2/launchTemplate:LaunchTemplate": [
        "blockDeviceMappings /dev/xvda ebs.volumeType",
        (volumeType) => ({ blockDeviceMappings: [{ deviceName: "/dev/xvda", ebs: { volumeSize: 50, volumeType, encrypted: "true" } }] }),
    ],
    "aws:ec2/instance:Instance": ["rootBlockDevice.volumeType", (volumeType) => ({ instanceType: "t3a.large", rootBlockDevice: { volumeSize: 50, volumeType } })],
    "kubernetes:storage.k8s.io/v1:StorageClass": ["parameters.type", (type) => ({ metadata: { name: "ebs" }, provisioner: "ebs.csi.aws.com", parameters: { type } })],
    "aws:rds/instance:Instance": ["storageType", (storageType) => ({ engine: "postgres", instanceClass: "db.t4g.micro", storageType })],
};

describe("policy: gp3-block-storage", () => {
    for (const [type, [where, inputs]] of Object.entries(volumeKinds)) {
        const volume = (volumeType: unknown, name = "volume") => (type.startsWith("kubernetes:") ? recorded(type, name, inputs(volumeType)) : recorded(type, name, inputs(volumeType), provider));

        it(`passes gp3 on ${type}`, async () => {
            expect(await gp3([provider, volume("gp3")])).to.deep.equal([]);
        });

        it(`fails gp2 on ${type}`, async () => {
            expect(await gp3([provider, volume("gp2")])).to.deep.equal([`volume: ${where} is "gp2"; use gp3 (IOPS and throughput set apart from size, and cheaper than gp2)`]);
        });

        it(`fails io2 on ${type} unless the resource is exempted in policy pack config`, async () => {
            expect(await gp3([provider, volume("io2")])).to.deep.equal([
                `volume: ${where} is io2; provisioned IOPS need an exemption (add "volume" to provisionedIopsExemptions), else use gp3 with the IOPS it needs`,
            ]);
            expect(await gp3([provider, volume("io2")], { "gp3-block-storage": { provisionedIopsExemptions: ["volume"] } })).to.deep.equal([]);
        });

        it(`judges at \`up\` a type a preview does not know yet on ${type}`, async () => {
            expect(await gp3([provider, volume(unknownValue)])).to.deep.equal([]);
        });
    }

    it("fails an unset EBS volume type and RDS storage type: AWS applies gp2", async () => {
        const volume = recorded("aws:ebs/volume:Volume", "volume", { availabilityZone: "eu-central-1a", size: 100 }, provider);
        const db = recorded("aws:rds/instance:Instance", "db", { engine: "postgres", instanceClass: "db.t4g.micro" }, provider);
        expect(await gp3([provider, volume, db])).to.deep.equal([
            "volume: type is unset (the default is gp2); use gp3 (IOPS and throughput set apart from size, and cheaper than gp2)",
            "db: storageType is unset (the default is gp2); use gp3 (IOPS and throughput set apart from size, and cheaper than gp2)",
        ]);
    });

    it("counts an RDS instance with iops and no storage type as io1, AWS's default then", async () => {
        const db = recorded("aws:rds/instance:Instance", "db", { engine: "postgres", instanceClass: "db.m7g.large", iops: 3000 }, provider);
        expect(await gp3([provider, db])).to.deep.equal([
            'db: storageType is io1; provisioned IOPS need an exemption (add "db" to provisionedIopsExemptions), else use gp3 with the IOPS it needs',
        ]);
    });

    it("counts a StorageClass's default type: gp3 for the EBS CSI driver, gp2 for the in-tree provisioner; other drivers are not EBS", async () => {
        const storageClass = (provisioner: string) => recorded("kubernetes:storage.k8s.io/v1:StorageClass", "sc", { metadata: { name: "sc" }, provisioner, parameters: {} });
        expect(await gp3([storageClass("ebs.csi.aws.com")])).to.deep.equal([]);
        expect(await gp3([storageClass("kubernetes.io/aws-ebs")])).to.deep.equal(['sc: parameters.type is "gp2"; use gp3 (IOPS and throughput set apart from size, and cheaper than gp2)']);
        expect(await gp3([storageClass("csi.exoscale.com")])).to.deep.equal([]);
    });

    it("leaves Aurora instances, whose storage is the cluster's, alone", async () => {
        expect(await gp3([provider, recorded("aws:rds/instance:Instance", "db", { engine: "aurora-postgresql", instanceClass: "db.r7g.large" }, provider)])).to.deep.equal([]);
    });
});
