// Package actual owns the bill: reading billing exports (FinOps FOCUS 1.0
// and 1.1, AWS CUR 2.0; CSV, gzip-compressed CSV or Parquet) into plain
// lines, matching those lines to the plan's resources, the variance
// between the plan and the bill with its causes, and calibrating usage
// quantities from what was billed. It reads files through package
// inputfile and never prints: progress is reported through a callback.
package actual

import (
	"bufio"
	"bytes"
	"errors"
	"fmt"
	"io"
	"strings"

	"github.com/klauspost/compress/gzip"
	"github.com/shopspring/decimal"

	"github.com/tiercost/tiercost/costmodel/inputfile"
)

// Line is one line of a bill, whatever format it came in, with FOCUS's
// names for its fields. Strings that repeat across lines (services, units,
// resource IDs, tag sets) are shared between lines, so a Line is cheap to
// keep; Tags is shared too and must not be changed.
type Line struct {
	// Row is where the line is in its file: the CSV record number counting
	// the header as row 1 (as a spreadsheet shows it), or the Parquet row
	// number counting from 1.
	Row int64
	// Provider is FOCUS ProviderName ("AWS"); Service is ServiceName
	// ("Amazon Elastic Compute Cloud"). CUR 2.0 lines get the service name
	// of their product code when this package knows it, else the code.
	Provider, Service string
	// ServiceCode, UsageType and Operation are AWS's product code
	// ("AmazonEC2"), usage type ("USE1-NatGateway-Bytes") and operation;
	// FOCUS carries them in the x_ServiceCode, x_UsageType and x_Operation
	// columns when the export has them, else they are "".
	ServiceCode, UsageType, Operation string
	// ResourceID is the provider's resource ID or ARN, "" for charges no
	// resource owns (tax, support, some data transfer).
	ResourceID, ResourceName string
	// Region is the region code ("us-east-1"), "" for global charges.
	Region string
	// ChargeCategory is FOCUS's: Usage, Purchase, Tax, Credit or Adjustment.
	ChargeCategory string
	// Description is FOCUS ChargeDescription (CUR: the line item description).
	Description string
	// PricingUnit is as the bill writes it ("Hours", "Hrs", "GB-Mo");
	// Unit normalises it.
	PricingUnit string
	SkuID       string
	// Currency is the billing currency ("USD").
	Currency string
	// Period is the billing period's month, "2024-09".
	Period string
	// Quantity is the pricing quantity, in PricingUnit.
	Quantity decimal.Decimal
	// BilledCost is what the invoice charges; EffectiveCost is the cost
	// after discounts and amortised commitments; ListCost is the cost at
	// public list prices (zero when the bill has no list cost).
	BilledCost, EffectiveCost, ListCost decimal.Decimal
	HasListCost                         bool
	// ListUnitPrice is the public list price of one PricingUnit, when the
	// bill gives it.
	ListUnitPrice    decimal.Decimal
	HasListUnitPrice bool
	// Tags are the resource's tags, "user:" prefixes removed; nil when none.
	Tags map[string]string
}

// Info describes a bill that was read.
type Info struct {
	// Name is the file as named in messages.
	Name string
	// Format is "FOCUS 1.0", "FOCUS 1.1" or "CUR 2.0"; Encoding is "CSV",
	// "CSV (gzip)" or "Parquet".
	Format, Encoding string
	// Rows counts the bill's lines (the header not included).
	Rows int64
}

// Options tune a read.
type Options struct {
	// Progress, when set, is called now and then with the work done and the
	// work in all (bytes of the file for CSV, rows for Parquet), and once
	// at the end with done = total.
	Progress func(done, total int64)
}

// Magic bytes that tell the encodings apart.
var (
	magicGzip    = []byte{0x1f, 0x8b}
	magicParquet = []byte("PAR1")
	magicZip     = []byte("PK\x03\x04")
)

// maxRecord bounds one CSV record, as for offer files: a larger one is not
// a bill line but a broken file.
const maxRecord = 1 << 20

// Read streams the bill at path, calling fn with each line in file order.
// The encoding is told by the file's first bytes and the format by its
// columns; a missing required column, a cell that is not what its column
// holds, or a file cut off is an error naming the file, the row and the
// column, never quoting the cell. An error fn returns stops the read and
// is returned as it is.
func Read(path string, opts Options, fn func(Line) error) (Info, error) {
	in, err := inputfile.Open(path, inputfile.Bill)
	if err != nil {
		return Info{}, err
	}
	defer in.Close()
	info := Info{Name: in.Name()}
	br := bufio.NewReaderSize(in, 1<<20)
	head, err := br.Peek(4)
	if err != nil && len(head) == 0 {
		if errors.Is(err, io.EOF) {
			return info, fmt.Errorf("%s: the file is empty; allowed: a FOCUS 1.0/1.1 or CUR 2.0 export (CSV, gzip or Parquet)", info.Name)
		}
		return info, readError(info.Name, err)
	}
	progress := func(total int64, done func() int64) func() {
		if opts.Progress == nil {
			return func() {}
		}
		return func() { opts.Progress(min(done(), total), total) }
	}
	switch {
	case bytes.HasPrefix(head, magicParquet):
		ra, ok := in.ReaderAt()
		if !ok {
			return info, fmt.Errorf("%s: a Parquet bill must be a file; allowed: a file path", info.Name)
		}
		info.Encoding = "Parquet"
		return readParquet(ra, in.Size, info, opts, fn)
	case bytes.HasPrefix(head, magicZip):
		return info, fmt.Errorf("%s: is a zip archive; allowed: a FOCUS or CUR 2.0 export as CSV, gzip-compressed CSV or Parquet (unzip it first)", info.Name)
	case bytes.HasPrefix(head, magicGzip):
		zr, err := gzip.NewReader(br)
		if err != nil {
			return info, fmt.Errorf("%s: not a readable gzip file; allowed: a gzip-compressed CSV export", info.Name)
		}
		defer zr.Close()
		info.Encoding = "CSV (gzip)"
		inner := bufio.NewReaderSize(zr, 1<<20)
		if h, _ := inner.Peek(4); bytes.HasPrefix(h, magicParquet) {
			return info, fmt.Errorf("%s: is a gzip-compressed Parquet file; allowed: Parquet uncompressed on the outside (its pages may be compressed) or gzip-compressed CSV", info.Name)
		}
		return readCSV(inner, info, progress(in.Size, in.BytesRead), fn)
	}
	info.Encoding = "CSV"
	return readCSV(br, info, progress(in.Size, in.BytesRead), fn)
}

// readError describes a failure to read the file itself (not its content).
func readError(name string, err error) error {
	if errors.Is(err, inputfile.ErrTooLarge) {
		return err
	}
	if errors.Is(err, io.ErrUnexpectedEOF) || errors.Is(err, gzip.ErrChecksum) || errors.Is(err, gzip.ErrHeader) {
		return fmt.Errorf("%s: the file is cut off or corrupt (%s); allowed: a complete export", name, strings.TrimPrefix(err.Error(), "gzip: "))
	}
	return fmt.Errorf("%s: cannot read: %v", name, err)
}

// cellError names the file, row and column of a bad cell; it never quotes
// the cell, which may hold anything.
func cellError(name string, row int64, column, problem, allowed string) error {
	return fmt.Errorf("%s: row %d: column %s: %s; allowed: %s", name, row, inputfile.Name(column), problem, allowed)
}
