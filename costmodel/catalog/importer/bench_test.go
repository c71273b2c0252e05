//go:build unix

package importer

import (
	"bufio"
	"bytes"
	"context"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"
)

// benchOfferMB is the synthetic offer's size; TIERCOST_BENCH_MB overrides it.
func benchOfferMB(b *testing.B) int64 {
	if s := os.Getenv("TIERCOST_BENCH_MB"); s != "" {
		n, err := strconv.ParseInt(s, 10, 64)
		if err != nil {
			b.Fatalf("TIERCOST_BENCH_MB=%q: %v", s, err)
		}
		return n
	}
	return 1100
}

// benchOffer returns a synthetic EC2-like offer of at least mb megabytes,
// generated once into the temp dir and reused by later runs (generating a
// gigabyte takes a while and every b.N round would otherwise redo it).
func benchOffer(b *testing.B, mb int64) string {
	path := filepath.Join(os.TempDir(), fmt.Sprintf("tiercost-bench-ec2-%dMB.json", mb))
	if fi, err := os.Stat(path); err == nil && fi.Size() >= mb<<20 {
		return path
	}
	tmp := path + ".tmp"
	f, err := os.Create(tmp)
	if err != nil {
		b.Fatal(err)
	}
	w := bufio.NewWriterSize(f, 1<<20)
	if err := writeSyntheticEC2(w, mb<<20); err != nil {
		b.Fatal(err)
	}
	if err := w.Flush(); err != nil {
		b.Fatal(err)
	}
	if err := f.Close(); err != nil {
		b.Fatal(err)
	}
	if err := os.Rename(tmp, path); err != nil {
		b.Fatal(err)
	}
	return path
}

// Product variants, like the real file: one Linux/Shared/Used/NA row per
// instance type among many rows the importer must drop.
var benchVariants = []struct{ os, tenancy, capacity, sw, license string }{
	{"Linux", "Shared", "Used", "NA", "No License required"},
	{"Windows", "Shared", "Used", "NA", "License Included"},
	{"RHEL", "Shared", "Used", "NA", "No License required"},
	{"SUSE", "Shared", "Used", "NA", "No License required"},
	{"Windows", "Shared", "Used", "SQL Std", "License Included"},
	{"Linux", "Shared", "Used", "SQL Web", "No License required"},
	{"Linux", "Dedicated", "Used", "NA", "No License required"},
	{"Linux", "Host", "Used", "NA", "No License required"},
	{"Linux", "Shared", "AllocatedCapacityReservation", "NA", "No License required"},
	{"Linux", "Shared", "UnusedCapacityReservation", "NA", "No License required"},
	{"Windows", "Shared", "Used", "NA", "Bring your own license"},
	{"Red Hat Enterprise Linux with HA", "Shared", "Used", "NA", "No License required"},
}

var benchReserved = []struct{ code, length, payment, class string }{
	{"4NA7Y494T4", "1yr", "No Upfront", "standard"}, {"HU7G6KETJZ", "1yr", "Partial Upfront", "standard"},
	{"6QCMYABX3D", "1yr", "All Upfront", "standard"}, {"BPH4J8HBKS", "3yr", "No Upfront", "standard"},
	{"38NPMPTW36", "3yr", "Partial Upfront", "standard"}, {"NQ3QZPMQV9", "3yr", "All Upfront", "standard"},
	{"7NE97W5U4E", "1yr", "No Upfront", "convertible"}, {"CUZHX8X6JH", "1yr", "Partial Upfront", "convertible"},
	{"VJWZNREJX2", "1yr", "All Upfront", "convertible"}, {"Z2E3P23VKM", "3yr", "No Upfront", "convertible"},
	{"R5XV2EPZQZ", "3yr", "Partial Upfront", "convertible"}, {"MZU6U2429S", "3yr", "All Upfront", "convertible"},
}

// writeSyntheticEC2 writes an offer in the real layout (pretty-printed,
// products then terms) until it is at least size bytes long. Products come
// first, so the product count is estimated from per-product sizes.
func writeSyntheticEC2(w *bufio.Writer, size int64) error {
	// About 2.0 KB per product and 14 KB of terms per product: measured
	// on the generator's own output; a rough estimate is enough.
	n := int(size/(16<<10)) + 1
	fmt.Fprintf(w, "{\n  \"formatVersion\" : \"v1.0\",\n  \"disclaimer\" : \"synthetic benchmark offer\",\n  \"offerCode\" : \"AmazonEC2\",\n  \"version\" : \"20260925174521\",\n  \"publicationDate\" : \"2026-09-25T17:45:21Z\",\n  \"products\" : {\n")
	sku := func(i int) string { return fmt.Sprintf("SYN%013d", i) }
	for i := 0; i < n; i++ {
		v := benchVariants[i%len(benchVariants)]
		itype := fmt.Sprintf("x%d.large", i/len(benchVariants))
		if i > 0 {
			w.WriteString(",\n")
		}
		fmt.Fprintf(w, `    "%s" : {
      "sku" : "%s",
      "productFamily" : "Compute Instance",
      "attributes" : {
        "servicecode" : "AmazonEC2",
        "location" : "US East (N. Virginia)",
        "locationType" : "AWS Region",
        "instanceType" : "%s",
        "currentGeneration" : "Yes",
        "instanceFamily" : "General purpose",
        "vcpu" : "2",
        "physicalProcessor" : "Intel Xeon Platinum 8000 series",
        "clockSpeed" : "Up to 3.1 GHz",
        "memory" : "8 GiB",
        "storage" : "EBS only",
        "networkPerformance" : "Up to 12500 Megabit",
        "processorArchitecture" : "64-bit",
        "tenancy" : "%s",
        "operatingSystem" : "%s",
        "licenseModel" : "%s",
        "usagetype" : "BoxUsage:%s",
        "operation" : "RunInstances",
        "availabilityzone" : "NA",
        "capacitystatus" : "%s",
        "classicnetworkingsupport" : "false",
        "dedicatedEbsThroughput" : "Up to 2085 Mbps",
        "ecu" : "Variable",
        "enhancedNetworkingSupported" : "Yes",
        "gpuMemory" : "NA",
        "intelAvxAvailable" : "Yes",
        "intelAvx2Available" : "Yes",
        "intelTurboAvailable" : "Yes",
        "marketoption" : "OnDemand",
        "normalizationSizeFactor" : "4",
        "preInstalledSw" : "%s",
        "processorFeatures" : "Intel AVX; Intel AVX2; Intel AVX512; Intel Turbo",
        "regionCode" : "us-east-1",
        "servicename" : "Amazon Elastic Compute Cloud",
        "vpcnetworkingsupport" : "true"
      }
    }`, sku(i), sku(i), itype, v.tenancy, v.os, v.license, itype, v.capacity, v.sw)
	}
	w.WriteString("\n  },\n  \"terms\" : {\n    \"OnDemand\" : {\n")
	for i := 0; i < n; i++ {
		if i > 0 {
			w.WriteString(",\n")
		}
		s := sku(i)
		fmt.Fprintf(w, `      "%s" : {
        "%s.JRTCKXETXF" : {
          "offerTermCode" : "JRTCKXETXF",
          "sku" : "%s",
          "effectiveDate" : "2026-09-01T00:00:00Z",
          "priceDimensions" : {
            "%s.JRTCKXETXF.6YS6EN2CT7" : {
              "rateCode" : "%s.JRTCKXETXF.6YS6EN2CT7",
              "description" : "$0.0960 per On Demand Linux x.large Instance Hour",
              "beginRange" : "0",
              "endRange" : "Inf",
              "unit" : "Hrs",
              "pricePerUnit" : {
                "USD" : "0.%07d00"
              },
              "appliesTo" : [ ]
            }
          },
          "termAttributes" : { }
        }
      }`, s, s, s, s, s, 960000+i%1000)
	}
	w.WriteString("\n    },\n    \"Reserved\" : {\n")
	for i := 0; i < n; i++ {
		if i > 0 {
			w.WriteString(",\n")
		}
		s := sku(i)
		fmt.Fprintf(w, "      \"%s\" : {\n", s)
		for j, r := range benchReserved {
			if j > 0 {
				w.WriteString(",\n")
			}
			fmt.Fprintf(w, `        "%s.%s" : {
          "offerTermCode" : "%s",
          "sku" : "%s",
          "effectiveDate" : "2026-09-01T00:00:00Z",
          "priceDimensions" : {
            "%s.%s.2TG2D8R56U" : {
              "rateCode" : "%s.%s.2TG2D8R56U",
              "description" : "Upfront Fee",
              "unit" : "Quantity",
              "pricePerUnit" : {
                "USD" : "262.80"
              },
              "appliesTo" : [ ]
            },
            "%s.%s.6YS6EN2CT7" : {
              "rateCode" : "%s.%s.6YS6EN2CT7",
              "description" : "Linux/UNIX (Amazon VPC), x.large reserved instance applied",
              "beginRange" : "0",
              "endRange" : "Inf",
              "unit" : "Hrs",
              "pricePerUnit" : {
                "USD" : "0.0300000000"
              },
              "appliesTo" : [ ]
            }
          },
          "termAttributes" : {
            "LeaseContractLength" : "%s",
            "OfferingClass" : "%s",
            "PurchaseOption" : "%s"
          }
        }`, s, r.code, r.code, s, s, r.code, s, r.code, s, r.code, s, r.code, r.length, r.class, r.payment)
		}
		w.WriteString("\n      }")
	}
	_, err := w.WriteString("\n    }\n  }\n}\n")
	return err
}

// BenchmarkImportEC2 imports a synthetic EC2 offer of about 1 GB and
// reports MB/s and the peak resident memory of the process.
func BenchmarkImportEC2(b *testing.B) {
	path := benchOffer(b, benchOfferMB(b))
	fi, err := os.Stat(path)
	if err != nil {
		b.Fatal(err)
	}
	out := filepath.Join(b.TempDir(), "layer.json")
	b.SetBytes(fi.Size())
	cpu0 := cpuTime()
	b.ResetTimer()
	var maxSys uint64
	for i := 0; i < b.N; i++ {
		sum, err := Import(context.Background(), []string{path}, out, Options{})
		if err != nil {
			b.Fatal(err)
		}
		if sum.Prices == 0 {
			b.Fatal("no prices kept")
		}
		var ms runtime.MemStats
		runtime.ReadMemStats(&ms)
		maxSys = max(maxSys, ms.Sys)
	}
	b.StopTimer()
	// The machine may be shared: MB per CPU-second shows the parser's own
	// speed when wall-clock MB/s is diluted by other processes.
	if cpu := cpuTime() - cpu0; cpu > 0 {
		b.ReportMetric(float64(fi.Size())*float64(b.N)/1e6/cpu.Seconds(), "MB/cpu-s")
	}
	b.ReportMetric(float64(maxSys)/(1<<20), "Sys-MB")
	if hwm := vmHWM(); hwm > 0 {
		b.ReportMetric(float64(hwm)/(1<<20), "VmHWM-MB")
	}
}

// cpuTime is the process's user plus system CPU time.
func cpuTime() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

// vmHWM reads the process's peak resident set size from /proc (Linux).
func vmHWM() int64 {
	data, err := os.ReadFile("/proc/self/status")
	if err != nil {
		return 0
	}
	for _, line := range bytes.Split(data, []byte("\n")) {
		if rest, ok := bytes.CutPrefix(line, []byte("VmHWM:")); ok {
			f := strings.Fields(string(rest))
			if len(f) >= 1 {
				kb, _ := strconv.ParseInt(f[0], 10, 64)
				return kb << 10
			}
		}
	}
	return 0
}

// writeSyntheticEC2CSV writes the CSV layout of the same kind of offer.
func writeSyntheticEC2CSV(w *bufio.Writer, size int64) error {
	w.WriteString("\"FormatVersion\",\"v1.0\"\n\"Disclaimer\",\"synthetic benchmark offer\"\n\"Publication Date\",\"2026-09-25T17:45:21Z\"\n\"Version\",\"20260925174521\"\n\"OfferCode\",\"AmazonEC2\"\n")
	w.WriteString(`"SKU","OfferTermCode","RateCode","TermType","PriceDescription","EffectiveDate","StartingRange","EndingRange","Unit","PricePerUnit","Currency","RelatedTo","LeaseContractLength","PurchaseOption","OfferingClass","Product Family","serviceCode","Location","Location Type","Instance Type","Current Generation","Instance Family","vCPU","Physical Processor","Clock Speed","Memory","Storage","Network Performance","Processor Architecture","Tenancy","Operating System","License Model","usageType","operation","CapacityStatus","Dedicated EBS Throughput","ECU","Enhanced Networking Supported","MarketOption","Normalization Size Factor","Pre Installed S/W","Processor Features","Region Code","serviceName"` + "\n")
	var written int64
	for i := 0; written < size; i++ {
		v := benchVariants[i%len(benchVariants)]
		sku := fmt.Sprintf("SYN%013d", i)
		itype := fmt.Sprintf("x%d.large", i/len(benchVariants))
		attrs := fmt.Sprintf(`"Compute Instance","AmazonEC2","US East (N. Virginia)","AWS Region","%s","Yes","General purpose","2","Intel Xeon Platinum 8000 series","Up to 3.1 GHz","8 GiB","EBS only","Up to 12500 Megabit","64-bit","%s","%s","%s","BoxUsage:%s","RunInstances","%s","Up to 2085 Mbps","Variable","Yes","OnDemand","4","%s","Intel AVX; Intel AVX2; Intel AVX512; Intel Turbo","us-east-1","Amazon Elastic Compute Cloud"`,
			itype, v.tenancy, v.os, v.license, itype, v.capacity, v.sw)
		n, _ := fmt.Fprintf(w, "\"%s\",\"JRTCKXETXF\",\"%s.JRTCKXETXF.6YS6EN2CT7\",\"OnDemand\",\"$0.096 per On Demand Linux %s Instance Hour\",\"2026-09-01\",\"0\",\"Inf\",\"Hrs\",\"0.0960000000\",\"USD\",\"\",\"\",\"\",\"\",%s\n", sku, sku, itype, attrs)
		written += int64(n)
		for _, r := range benchReserved {
			n, _ = fmt.Fprintf(w, "\"%s\",\"%s\",\"%s.%s.2TG2D8R56U\",\"Reserved\",\"Upfront Fee\",\"2026-09-01\",\"\",\"\",\"Quantity\",\"262.80\",\"USD\",\"\",\"%s\",\"%s\",\"%s\",%s\n", sku, r.code, sku, r.code, r.length, r.payment, r.class, attrs)
			written += int64(n)
			n, _ = fmt.Fprintf(w, "\"%s\",\"%s\",\"%s.%s.6YS6EN2CT7\",\"Reserved\",\"Linux/UNIX (Amazon VPC), %s reserved instance applied\",\"2026-09-01\",\"0\",\"Inf\",\"Hrs\",\"0.0300000000\",\"USD\",\"\",\"%s\",\"%s\",\"%s\",%s\n", sku, r.code, sku, r.code, itype, r.length, r.payment, r.class, attrs)
			written += int64(n)
		}
	}
	return nil
}

// BenchmarkImportEC2CSV imports a synthetic CSV offer (300 MB unless
// TIERCOST_BENCH_CSV_MB says otherwise).
func BenchmarkImportEC2CSV(b *testing.B) {
	mb := int64(300)
	if s := os.Getenv("TIERCOST_BENCH_CSV_MB"); s != "" {
		n, err := strconv.ParseInt(s, 10, 64)
		if err != nil {
			b.Fatalf("TIERCOST_BENCH_CSV_MB=%q: %v", s, err)
		}
		mb = n
	}
	path := filepath.Join(os.TempDir(), fmt.Sprintf("tiercost-bench-ec2-%dMB.csv", mb))
	if fi, err := os.Stat(path); err != nil || fi.Size() < mb<<20 {
		f, err := os.Create(path + ".tmp")
		if err != nil {
			b.Fatal(err)
		}
		w := bufio.NewWriterSize(f, 1<<20)
		if err := writeSyntheticEC2CSV(w, mb<<20); err != nil {
			b.Fatal(err)
		}
		if err := w.Flush(); err != nil {
			b.Fatal(err)
		}
		if err := f.Close(); err != nil {
			b.Fatal(err)
		}
		if err := os.Rename(path+".tmp", path); err != nil {
			b.Fatal(err)
		}
	}
	fi, err := os.Stat(path)
	if err != nil {
		b.Fatal(err)
	}
	out := filepath.Join(b.TempDir(), "layer.json")
	b.SetBytes(fi.Size())
	cpu0 := cpuTime()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		if _, err := Import(context.Background(), []string{path}, out, Options{}); err != nil {
			b.Fatal(err)
		}
	}
	b.StopTimer()
	if cpu := cpuTime() - cpu0; cpu > 0 {
		b.ReportMetric(float64(fi.Size())*float64(b.N)/1e6/cpu.Seconds(), "MB/cpu-s")
	}
	if hwm := vmHWM(); hwm > 0 {
		b.ReportMetric(float64(hwm)/(1<<20), "VmHWM-MB")
	}
}
