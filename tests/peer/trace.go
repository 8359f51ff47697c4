package main

import (
	"fmt"
	"io"
	"net/http"
	"os"
	"sort"
	"strings"

	"github.com/huaweicloud/huaweicloud-sdk-go-v3/core/httphandler"
)

// traceHandler, enabled by COC_PEER_TRACE=1, writes each request the SDK builds (method, URL,
// headers, body) and each raw response (status, headers, body) to stderr. Off by default: the SDK
// copies bodies for handlers, which the benchmark must not pay for.
func traceHandler() *httphandler.HttpHandler {
	if os.Getenv("COC_PEER_TRACE") == "" {
		return nil
	}
	dumpHeaders := func(b *strings.Builder, prefix string, h http.Header) {
		names := make([]string, 0, len(h))
		for k := range h {
			names = append(names, k)
		}
		sort.Strings(names)
		for _, k := range names {
			for _, v := range h[k] {
				fmt.Fprintf(b, "%s %s: %s\n", prefix, k, v)
			}
		}
	}
	return httphandler.NewHttpHandler().
		AddRequestHandler(func(r http.Request) {
			var b strings.Builder
			fmt.Fprintf(&b, "> %s %s (Content-Length %d)\n", r.Method, r.URL.String(), r.ContentLength)
			dumpHeaders(&b, ">", r.Header)
			if r.Body != nil {
				body, _ := io.ReadAll(r.Body)
				fmt.Fprintf(&b, "> body: %q\n", body)
			}
			os.Stderr.WriteString(b.String())
		}).
		AddResponseHandler(func(r http.Response) {
			var b strings.Builder
			fmt.Fprintf(&b, "< %d\n", r.StatusCode)
			dumpHeaders(&b, "<", r.Header)
			if r.Body != nil {
				body, _ := io.ReadAll(r.Body)
				fmt.Fprintf(&b, "< body: %s\n", body)
			}
			os.Stderr.WriteString(b.String())
		})
}
