// coc-peer: a client of the COC script order API built on the OFFICIAL Huawei Cloud Go SDK
// (github.com/huaweicloud/huaweicloud-sdk-go-v3, services/coc/v1). The TypeScript tests run it
// against the emulator and compare what the official SDK decodes with what our own decoder does;
// the benchmark times it. It prints the SDK's own response models, marshalled with encoding/json
// (field names are the SDK's json tags; int64 values are printed exactly).
//
// Environment:
//
//	COC_PEER_ENDPOINT               http(s)://127.0.0.1:<port> (required)
//	HUAWEICLOUD_SDK_AK / _SK        access key / secret key (required)
//	HUAWEICLOUD_SDK_SECURITY_TOKEN  optional, sent as X-Security-Token
//	HUAWEICLOUD_SDK_DOMAIN_ID       default "emulator-domain-id"; always set so the SDK never asks IAM
//	COC_PEER_TRACE                  if set, raw requests and responses go to stderr (trace.go)
//
// Commands (one JSON line per result on stdout; exit 0 even when a read failed, 2 on usage errors):
//
//	coc-peer get UUID [UUID...]
//	coc-peer list [--limit N] [--status S] [--max-pages P]
//	coc-peer batches UUID
//	coc-peer batch UUID INDEX [--limit N] [--marker M] [--status S]
//	coc-peer statistics UUID
//	coc-peer bench UUID N
package main

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net"
	"os"
	"runtime"
	"strconv"
	"strings"
	"sync/atomic"
	"time"

	"github.com/huaweicloud/huaweicloud-sdk-go-v3/core/auth/global"
	"github.com/huaweicloud/huaweicloud-sdk-go-v3/core/config"
	"github.com/huaweicloud/huaweicloud-sdk-go-v3/core/sdkerr"
	coc "github.com/huaweicloud/huaweicloud-sdk-go-v3/services/coc/v1"
	"github.com/huaweicloud/huaweicloud-sdk-go-v3/services/coc/v1/model"
)

const usage = `usage:
  coc-peer get UUID [UUID...]
  coc-peer list [--limit N] [--status S] [--max-pages P]
  coc-peer batches UUID
  coc-peer batch UUID INDEX [--limit N] [--marker M] [--status S]
  coc-peer statistics UUID
  coc-peer bench UUID N
environment: COC_PEER_ENDPOINT, HUAWEICLOUD_SDK_AK, HUAWEICLOUD_SDK_SK
             [HUAWEICLOUD_SDK_SECURITY_TOKEN] [HUAWEICLOUD_SDK_DOMAIN_ID]`

type usageError struct{ msg string }

func (u usageError) Error() string { return u.msg }

// httpError is a *sdkerr.ServiceResponseError for an HTTP status >= 400.
type httpError struct {
	StatusCode int    `json:"status_code"`
	ErrorCode  string `json:"error_code"`
	ErrorMsg   string `json:"error_msg"`
	RequestID  string `json:"request_id"`
}

// otherError is anything else: transport errors, and the SDK's failure to decode a 2xx body into its
// model (the SDK wraps that in a ServiceResponseError with the 2xx status and no error code; it is
// reported here with the decoder's message, since no HTTP error happened).
type otherError struct {
	Message string `json:"message"`
}

type line struct {
	UUID     *string     `json:"uuid,omitempty"`
	OK       bool        `json:"ok"`
	Response interface{} `json:"response,omitempty"`
	Error    interface{} `json:"error,omitempty"`
}

var out = func() *json.Encoder {
	e := json.NewEncoder(os.Stdout)
	e.SetEscapeHTML(false)
	return e
}()

func emit(v interface{}) {
	if err := out.Encode(v); err != nil {
		fmt.Fprintf(os.Stderr, "coc-peer: cannot write output: %v\n", err)
		os.Exit(1)
	}
}

func describe(err error) interface{} {
	var sre *sdkerr.ServiceResponseError
	if !errors.As(err, &sre) {
		var v sdkerr.ServiceResponseError
		if errors.As(err, &v) {
			sre = &v
		}
	}
	if sre != nil {
		if sre.StatusCode >= 400 {
			return httpError{StatusCode: sre.StatusCode, ErrorCode: sre.ErrorCode, ErrorMsg: sre.ErrorMessage, RequestID: sre.RequestId}
		}
		return otherError{Message: sre.ErrorMessage}
	}
	return otherError{Message: err.Error()}
}

func result(uuid *string, resp interface{}, err error) line {
	if err != nil {
		return line{UUID: uuid, OK: false, Error: describe(err)}
	}
	return line{UUID: uuid, OK: true, Response: resp}
}

func env(name, def string) string {
	if v, ok := os.LookupEnv(name); ok && v != "" {
		return v
	}
	return def
}

func newClient() (*coc.CocClient, error) {
	endpoint := env("COC_PEER_ENDPOINT", "")
	ak, sk := env("HUAWEICLOUD_SDK_AK", ""), env("HUAWEICLOUD_SDK_SK", "")
	if endpoint == "" || ak == "" || sk == "" {
		return nil, usageError{"COC_PEER_ENDPOINT, HUAWEICLOUD_SDK_AK and HUAWEICLOUD_SDK_SK must be set"}
	}
	cb := global.NewCredentialsBuilder().WithAk(ak).WithSk(sk).
		WithDomainId(env("HUAWEICLOUD_SDK_DOMAIN_ID", "emulator-domain-id"))
	if token := env("HUAWEICLOUD_SDK_SECURITY_TOKEN", ""); token != "" {
		cb = cb.WithSecurityToken(token)
	}
	cred, err := cb.SafeBuild()
	if err != nil {
		return nil, err
	}
	httpConfig := config.DefaultHttpConfig().
		WithIgnoreSSLVerification(true).
		WithTimeout(30 * time.Second).
		// An explicit value keeps the SDK from composing its default one, which creates
		// ~/.huaweicloud/application_id on first use. The SDK still prefixes "huaweicloud-usdk-go/3.0; ".
		WithUserAgent("coc-peer go/" + runtime.Version())
	httpConfig = httpConfig.WithDialContext(countingDial)
	if h := traceHandler(); h != nil {
		httpConfig = httpConfig.WithHttpHandler(h)
	}
	hc, err := coc.CocClientBuilder().
		WithEndpoints([]string{strings.TrimRight(endpoint, "/")}).
		WithCredential(cred).
		WithHttpConfig(httpConfig).
		SafeBuild()
	if err != nil {
		return nil, err
	}
	return coc.NewCocClient(hc), nil
}

// flags parses --name value / --name=value pairs; positional arguments are returned in order.
func flags(args []string, known ...string) (map[string]string, []string, error) {
	vals := map[string]string{}
	var pos []string
	for i := 0; i < len(args); i++ {
		a := args[i]
		if !strings.HasPrefix(a, "--") {
			pos = append(pos, a)
			continue
		}
		name, value, hasValue := strings.Cut(a[2:], "=")
		ok := false
		for _, k := range known {
			ok = ok || k == name
		}
		if !ok {
			return nil, nil, usageError{"unknown option --" + name}
		}
		if !hasValue {
			if i+1 >= len(args) {
				return nil, nil, usageError{"--" + name + " needs a value"}
			}
			i++
			value = args[i]
		}
		vals[name] = value
	}
	return vals, pos, nil
}

func intFlag(vals map[string]string, name string, bits int, min int64) (*int64, error) {
	s, ok := vals[name]
	if !ok {
		return nil, nil
	}
	n, err := strconv.ParseInt(s, 10, bits)
	if err != nil || n < min {
		return nil, usageError{fmt.Sprintf("--%s must be an integer >= %d", name, min)}
	}
	return &n, nil
}

func int32p(p *int64) *int32 {
	if p == nil {
		return nil
	}
	v := int32(*p)
	return &v
}

func cmdGet(client *coc.CocClient, uuids []string) error {
	if len(uuids) == 0 {
		return usageError{"get needs at least one UUID"}
	}
	for _, u := range uuids {
		u := u
		resp, err := client.GetScriptJobInfo(&model.GetScriptJobInfoRequest{ExecuteUuid: u})
		emit(result(&u, resp, err))
	}
	return nil
}

func cmdList(client *coc.CocClient, args []string) error {
	vals, pos, err := flags(args, "limit", "status", "max-pages")
	if err != nil {
		return err
	}
	if len(pos) > 0 {
		return usageError{"list takes no positional arguments"}
	}
	limit, err := intFlag(vals, "limit", 32, 1)
	if err != nil {
		return err
	}
	maxPages, err := intFlag(vals, "max-pages", 32, 1)
	if err != nil {
		return err
	}
	pages := int64(10)
	if maxPages != nil {
		pages = *maxPages
	}
	req := model.ListScriptJobsRequest{Limit: int32p(limit)}
	if s, ok := vals["status"]; ok {
		var status model.ListScriptJobsRequestStatus
		if err := status.UnmarshalJSON([]byte(strconv.Quote(s))); err != nil {
			return usageError{"--status: " + err.Error()}
		}
		req.Status = &status
	}
	var seen int64
	for page := int64(0); page < pages; page++ {
		r := req
		resp, err := client.ListScriptJobs(&r)
		emit(result(nil, resp, err))
		if err != nil || resp.Data == nil || len(resp.Data.Data) == 0 {
			return nil
		}
		n := len(resp.Data.Data)
		seen += int64(n)
		if limit != nil && int64(n) < *limit {
			return nil // short page
		}
		if limit == nil && seen >= resp.Data.Total {
			return nil // no page size known: stop once total is reached
		}
		marker := resp.Data.Data[n-1].OrderId
		req.Marker = &marker
	}
	return nil
}

func cmdBatches(client *coc.CocClient, args []string) error {
	if len(args) != 1 {
		return usageError{"batches needs exactly one UUID"}
	}
	u := args[0]
	resp, err := client.ListScriptJobBatches(&model.ListScriptJobBatchesRequest{ExecuteUuid: u})
	emit(result(&u, resp, err))
	return nil
}

func cmdBatch(client *coc.CocClient, args []string) error {
	vals, pos, err := flags(args, "limit", "marker", "status")
	if err != nil {
		return err
	}
	if len(pos) != 2 {
		return usageError{"batch needs UUID and INDEX"}
	}
	index, err := strconv.ParseInt(pos[1], 10, 32)
	if err != nil {
		return usageError{"INDEX must be an integer"}
	}
	limit, err := intFlag(vals, "limit", 32, 1)
	if err != nil {
		return err
	}
	marker, err := intFlag(vals, "marker", 64, 0)
	if err != nil {
		return err
	}
	u := pos[0]
	req := model.GetScriptJobBatchRequest{ExecuteUuid: u, BatchIndex: int32(index), Limit: 100, Marker: marker}
	if limit != nil {
		req.Limit = int32(*limit)
	}
	if s, ok := vals["status"]; ok {
		var status model.GetScriptJobBatchRequestStatus
		if err := status.UnmarshalJSON([]byte(strconv.Quote(s))); err != nil {
			return usageError{"--status: " + err.Error()}
		}
		req.Status = &status
	}
	resp, err := client.GetScriptJobBatch(&req)
	emit(result(&u, resp, err))
	return nil
}

func cmdStatistics(client *coc.CocClient, args []string) error {
	if len(args) != 1 {
		return usageError{"statistics needs exactly one UUID"}
	}
	u := args[0]
	resp, err := client.GetScriptJobStatistics(&model.GetScriptJobStatisticsRequest{ExecuteUuid: u})
	emit(result(&u, resp, err))
	return nil
}

const benchWarmup = 20

// dials counts TCP connections, so that bench can tell on stderr whether connections were reused.
var dials atomic.Int64

func countingDial(ctx context.Context, network, addr string) (net.Conn, error) {
	dials.Add(1)
	return (&net.Dialer{Timeout: 30 * time.Second, KeepAlive: 30 * time.Second}).DialContext(ctx, network, addr)
}

func cmdBench(client *coc.CocClient, args []string) error {
	if len(args) != 2 {
		return usageError{"bench needs UUID and N"}
	}
	n, err := strconv.Atoi(args[1])
	if err != nil || n < 1 {
		return usageError{"N must be a positive integer"}
	}
	req := func() error {
		_, err := client.GetScriptJobInfo(&model.GetScriptJobInfoRequest{ExecuteUuid: args[0]})
		return err
	}
	for i := 0; i < benchWarmup; i++ {
		_ = req()
	}
	failed := 0
	start := time.Now()
	for i := 0; i < n; i++ {
		if req() != nil {
			failed++
		}
	}
	elapsed := time.Since(start)
	fmt.Fprintf(os.Stderr, "coc-peer: bench: %d connections opened for %d reads (%d warm-up)\n", dials.Load(), n+benchWarmup, benchWarmup)
	us := float64(elapsed.Nanoseconds()) / 1e3 / float64(n)
	emit(struct {
		Reads     int     `json:"reads"`
		UsPerRead float64 `json:"us_per_read"`
		Errors    int     `json:"errors"`
	}{n, float64(int64(us*1000+0.5)) / 1000, failed})
	return nil
}

func run(args []string) error {
	if len(args) == 0 {
		return usageError{"no command"}
	}
	cmd, rest := args[0], args[1:]
	switch cmd {
	case "get", "list", "batches", "batch", "statistics", "bench":
	case "-h", "--help", "help":
		fmt.Println(usage)
		return nil
	default:
		return usageError{"unknown command " + strconv.Quote(cmd)}
	}
	client, err := newClient()
	if err != nil {
		return err
	}
	switch cmd {
	case "get":
		return cmdGet(client, rest)
	case "list":
		return cmdList(client, rest)
	case "batches":
		return cmdBatches(client, rest)
	case "batch":
		return cmdBatch(client, rest)
	case "statistics":
		return cmdStatistics(client, rest)
	default:
		return cmdBench(client, rest)
	}
}

func main() {
	if err := run(os.Args[1:]); err != nil {
		var ue usageError
		if errors.As(err, &ue) {
			fmt.Fprintf(os.Stderr, "coc-peer: %s\n%s\n", ue.msg, usage)
			os.Exit(2)
		}
		fmt.Fprintf(os.Stderr, "coc-peer: %v\n", err)
		os.Exit(1)
	}
}
