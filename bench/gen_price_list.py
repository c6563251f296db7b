#!/usr/bin/env python3
"""Write a synthetic AWS Price List CSV (AmazonEC2 global-file layout) of about SIZE megabytes.

The preamble and the 91-column header are the genuine ones of the AmazonEC2 global offer file
(version 20250912225308). Each product (SKU) gets one OnDemand row and six Reserved terms
(1yr/3yr x No/Partial/All Upfront) with their Upfront Fee rows, as AWS writes them; every
tenth product is tiered (storage/transfer-like, three tiers). Values vary across 30 regions,
120 instance types, 6 operating systems and 3 tenancies. Deterministic for a given --seed.

--rows-per-product N gives every product exactly N rows instead (1: its OnDemand row only, as in
AWS's big offer files where most SKUs have one or two rows; 10: OnDemand, then Reserved hourly and
Upfront Fee rows in turn); SKUs are random 16-character strings either way, so the product count,
not the file size, sets how random the catalog's index inserts are.

usage: gen_price_list.py OUT.csv --mb 150 [--seed 1] [--crlf] [--rows-per-product N]
"""
import argparse
import random
import string

HEADER = ["SKU","OfferTermCode","RateCode","TermType","PriceDescription","EffectiveDate","StartingRange","EndingRange","Unit","PricePerUnit","Currency","RelatedTo","LeaseContractLength","PurchaseOption","OfferingClass","Product Family","serviceCode","Location","Location Type","Instance Type","Current Generation","Instance Family","vCPU","Physical Processor","Clock Speed","Memory","Storage","Network Performance","Processor Architecture","Storage Media","Volume Type","Max Volume Size","Max IOPS/volume","Max IOPS Burst Performance","Max throughput/volume","Provisioned","Tenancy","EBS Optimized","Operating System","License Model","Group","Group Description","Transfer Type","From Location","From Location Type","To Location","To Location Type","usageType","operation","AvailabilityZone","CapacityStatus","ClassicNetworkingSupport","Dedicated EBS Throughput","ECU","Elastic Graphics Type","Enhanced Networking Supported","From Region Code","GPU","GPU Memory","Instance","Instance Capacity - 10xlarge","Instance Capacity - 12xlarge","Instance Capacity - 16xlarge","Instance Capacity - 18xlarge","Instance Capacity - 24xlarge","Instance Capacity - 2xlarge","Instance Capacity - 32xlarge","Instance Capacity - 4xlarge","Instance Capacity - 8xlarge","Instance Capacity - 9xlarge","Instance Capacity - large","Instance Capacity - medium","Instance Capacity - metal","Instance Capacity - xlarge","instanceSKU","Intel AVX2 Available","Intel AVX Available","Intel Turbo Available","MarketOption","Normalization Size Factor","Physical Cores","Pre Installed S/W","Processor Features","Product Type","Region Code","Resource Type","serviceName","SnapshotArchiveFeeType","To Region Code","Volume API Name","VPCNetworkingSupport"]

REGIONS = [("us-east-1","US East (N. Virginia)",""),("us-east-2","US East (Ohio)","USE2-"),("us-west-1","US West (N. California)","USW1-"),("us-west-2","US West (Oregon)","USW2-"),("eu-central-1","EU (Frankfurt)","EUC1-"),("eu-west-1","EU (Ireland)","EU-"),("eu-west-2","EU (London)","EUW2-"),("eu-west-3","EU (Paris)","EUW3-"),("eu-north-1","EU (Stockholm)","EUN1-"),("eu-south-1","EU (Milan)","EUS1-"),("ap-southeast-1","Asia Pacific (Singapore)","APS1-"),("ap-southeast-2","Asia Pacific (Sydney)","APS2-"),("ap-northeast-1","Asia Pacific (Tokyo)","APN1-"),("ap-northeast-2","Asia Pacific (Seoul)","APN2-"),("ap-south-1","Asia Pacific (Mumbai)","APS3-"),("ca-central-1","Canada (Central)","CAN1-"),("sa-east-1","South America (Sao Paulo)","SAE1-"),("me-south-1","Middle East (Bahrain)","MES1-"),("af-south-1","Africa (Cape Town)","AFS1-"),("ap-east-1","Asia Pacific (Hong Kong)","APE1-"),("eu-central-2","EU (Zurich)","EUC2-"),("ap-south-2","Asia Pacific (Hyderabad)","APS5-"),("ap-southeast-3","Asia Pacific (Jakarta)","APS4-"),("ap-southeast-4","Asia Pacific (Melbourne)","APS6-"),("il-central-1","Israel (Tel Aviv)","ILC1-"),("me-central-1","Middle East (UAE)","MEC1-"),("eu-south-2","EU (Spain)","EUS2-"),("ap-northeast-3","Asia Pacific (Osaka)","APN3-"),("us-gov-west-1","AWS GovCloud (US-West)","UGW1-"),("us-gov-east-1","AWS GovCloud (US-East)","UGE1-")]
FAMILIES = [("t4g","General purpose","AWS Graviton2","arm64"),("t3","General purpose","Intel Skylake E5 2686 v5","64-bit"),("m6i","General purpose","Intel Xeon 8375C (Ice Lake)","64-bit"),("c6i","Compute optimized","Intel Xeon 8375C (Ice Lake)","64-bit"),("r6g","Memory optimized","AWS Graviton2","arm64"),("m7g","General purpose","AWS Graviton3","arm64"),("c7g","Compute optimized","AWS Graviton3","arm64"),("r7i","Memory optimized","Intel Xeon Scalable (Sapphire Rapids)","64-bit"),("g4dn","GPU instance","Intel Xeon Family","64-bit"),("g5","GPU instance","AMD EPYC 7R32","64-bit"),("m5","General purpose","Intel Xeon Platinum 8175","64-bit"),("i4i","Storage optimized","Intel Xeon 8375C (Ice Lake)","64-bit")]
SIZES = [("micro",2,1),("small",2,2),("medium",2,4),("large",2,8),("xlarge",4,16),("2xlarge",8,32),("4xlarge",16,64),("8xlarge",32,128),("12xlarge",48,192),("16xlarge",64,256)]
OSES = [("Linux","NA","RunInstances"),("Windows","NA","RunInstances:0002"),("RHEL","NA","RunInstances:0010"),("SUSE","NA","RunInstances:000g"),("Windows","SQL Web","RunInstances:0202"),("Ubuntu Pro","NA","RunInstances:0g00")]
TENANCY = [("Shared","BoxUsage"),("Dedicated","DedicatedUsage"),("Host","HostUsage")]
RESERVED = [("4NA7Y494T4","1yr","No Upfront"),("HU7G6KETJZ","1yr","Partial Upfront"),("6QCMYABX3D","1yr","All Upfront"),("BPH4J8HBKS","3yr","No Upfront"),("38NPMPTW36","3yr","Partial Upfront"),("NQ3QZPMQV9","3yr","All Upfront")]


def q(v):
    if v == "":
        return ""
    return '"' + v.replace('"', '""') + '"'


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("out")
    ap.add_argument("--mb", type=float, required=True)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--crlf", action="store_true")
    ap.add_argument("--rows-per-product", type=int, default=0, help="exactly N rows per product (default: 7-13)")
    a = ap.parse_args()
    rnd = random.Random(a.seed)
    nl = "\r\n" if a.crlf else "\n"
    limit = int(a.mb * 1_000_000)
    col = {n: i for i, n in enumerate(HEADER)}
    skus = set()
    written = 0
    with open(a.out, "w", encoding="utf-8", newline="") as f:
        def emit(fields):
            nonlocal written
            line = ",".join(q(x) for x in fields) + nl
            f.write(line)
            written += len(line)
        pre = [("FormatVersion", "v1.0"), ("Disclaimer", "This pricing list is for informational purposes only. All prices are subject to the additional terms included in the pricing pages on http://aws.amazon.com. All Free Tier prices are also subject to the terms included at https://aws.amazon.com/free/"), ("Publication Date", "2025-09-12T22:53:08Z"), ("Version", "20250912225308"), ("OfferCode", "AmazonEC2")]
        for k, v in pre:
            emit([k, v])
        emit(HEADER)
        n = 0
        while written < limit:
            n += 1
            while True:
                sku = "".join(rnd.choice(string.ascii_uppercase + string.digits) for _ in range(16))
                if sku not in skus:
                    skus.add(sku)
                    break
            region, location, prefix = rnd.choice(REGIONS)
            fam, famdesc, cpu, arch = rnd.choice(FAMILIES)
            size, vcpu, mem = rnd.choice(SIZES)
            os_, sw, op = rnd.choice(OSES)
            ten, usage = rnd.choice(TENANCY)
            itype = f"{fam}.{size}"
            base = [""] * len(HEADER)
            attrs = {"Product Family": "Compute Instance", "serviceCode": "AmazonEC2", "Location": location, "Location Type": "AWS Region", "Instance Type": itype, "Current Generation": "Yes", "Instance Family": famdesc, "vCPU": str(vcpu), "Physical Processor": cpu, "Clock Speed": "3.5 GHz", "Memory": f"{mem} GiB", "Storage": "EBS only", "Network Performance": "Up to 12500 Megabit", "Processor Architecture": arch, "Tenancy": ten, "Operating System": os_, "License Model": "No License required", "usageType": f"{prefix}{usage}:{itype}", "operation": op, "CapacityStatus": "Used", "ClassicNetworkingSupport": "false", "Dedicated EBS Throughput": "Up to 10000 Mbps", "ECU": "NA", "Enhanced Networking Supported": "Yes", "Intel AVX2 Available": "Yes", "Intel AVX Available": "Yes", "Intel Turbo Available": "Yes", "MarketOption": "OnDemand", "Normalization Size Factor": str(vcpu // 2 or 1), "Physical Cores": str(vcpu), "Pre Installed S/W": sw, "Processor Features": "Intel AVX; Intel AVX2; Intel Turbo", "Region Code": region, "serviceName": "Amazon Elastic Compute Cloud", "VPCNetworkingSupport": "true"}
            for k, v in attrs.items():
                base[col[k]] = v
            hourly = rnd.randint(40, 400000) / 100000 * (1 if os_ == "Linux" else 1.6)
            rpp = a.rows_per_product
            tiered = n % 10 == 0 and rpp == 0
            pending = []
            def row(term, rate_suffix, ttype, desc, start, end, unit, price, lease="", po="", oc=""):
                r = list(base)
                r[0] = sku; r[1] = term; r[2] = f"{sku}.{term}.{rate_suffix}"; r[3] = ttype; r[4] = desc
                r[5] = "2025-09-12" if ttype == "Reserved" else "2025-09-01"; r[6] = start; r[7] = end
                r[8] = unit; r[9] = price; r[10] = "USD"; r[12] = lease; r[13] = po; r[14] = oc
                if rpp:
                    pending.append(r)
                else:
                    emit(r)
            if tiered:
                r1, r2 = rnd.choice([(10240, 51200), (51200, 512000), (1048576, 5242880)])
                p = rnd.randint(100, 9000) / 100000
                row("JRTCKXETXF", "PGHJ3S3EYE", "OnDemand", f"${p:.4f} per GB - first tier", "0", str(r1), "GB-Mo", f"{p:.10f}")
                row("JRTCKXETXF", "D42MF2PVJS", "OnDemand", f"${p*0.9:.4f} per GB - next tier", str(r1), str(r2), "GB-Mo", f"{p*0.9:.10f}")
                row("JRTCKXETXF", "PXJDJ3YRG3", "OnDemand", f"${p*0.8:.4f} per GB - over", str(r2), "Inf", "GB-Mo", f"{p*0.8:.10f}")
                continue
            row("JRTCKXETXF", "6YS6EN2CT7", "OnDemand", f"${hourly:.4f} per On Demand {os_} {itype} Instance Hour", "0", "Inf", "Hrs", f"{hourly:.10f}")
            for term, lease, po in RESERVED:
                years = 1 if lease == "1yr" else 3
                disc = 0.6 if years == 1 else 0.4
                if po == "No Upfront":
                    h, fee = hourly * disc * 1.05, 0
                elif po == "Partial Upfront":
                    h, fee = hourly * disc * 0.5, round(hourly * disc * 0.5 * 8760 * years)
                else:
                    h, fee = 0.0, round(hourly * disc * 8760 * years)
                oc = rnd.choice(["standard", "convertible"])
                row(term, "6YS6EN2CT7", "Reserved", f"{os_} ({'Amazon VPC'}), {itype} reserved instance applied", "0", "Inf", "Hrs", f"{h:.10f}", lease, po, oc)
                if fee:
                    row(term, "2TG2D8R56U", "Reserved", "Upfront Fee", "", "", "Quantity", str(fee), lease, po, oc)
            if rpp:
                # OnDemand, then Reserved hourly and fee rows in turn (11 in all); more than 11 repeat the
                # Reserved rows under further rate codes.
                for k in range(rpp):
                    r = list(pending[k % len(pending)])
                    if k >= len(pending):
                        r[2] = f"{r[2]}{k}"
                    emit(r)


if __name__ == "__main__":
    main()
