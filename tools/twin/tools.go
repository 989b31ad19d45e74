//go:build tools

// Package tools pins, in one module, the Go programs the fleet twin runs: the hub's and workload
// clusters' control planes and kubectl (Kubernetes), simulated nodes (kwok), the local OCI registry (crane),
// provider-kubernetes, the LeaderWorkerSet controller and Envoy Gateway's controller. They share
// one Kubernetes library version (0.36), so one `go build` compiles client-go & co. once for all.
package tools

import (
	_ "github.com/crossplane-contrib/provider-kubernetes/cmd/provider"
	_ "github.com/envoyproxy/gateway/cmd/envoy-gateway"
	_ "github.com/google/go-containerregistry/cmd/crane"
	_ "k8s.io/kubernetes/cmd/kube-apiserver"
	_ "k8s.io/kubernetes/cmd/kube-controller-manager"
	_ "k8s.io/kubernetes/cmd/kube-scheduler"
	_ "k8s.io/kubernetes/cmd/kubectl"
	_ "sigs.k8s.io/kwok/cmd/kwok"
	_ "sigs.k8s.io/lws/cmd"
)
