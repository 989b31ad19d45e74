//go:build tools

// Package tools pins Envoy AI Gateway's controller for the fleet twin's workload cluster. It is
// the InferencePool implementation for Envoy Gateway that KServe v0.20 installs for
// LLMInferenceService (kserve-deps.env: ENVOY_AI_GATEWAY_VERSION=v1.0.0): Envoy Gateway's
// extension server for InferencePool backends, and the controller that writes InferencePool
// status.parents, which KServe reads for InferencePoolReady.
package tools

import _ "github.com/envoyproxy/ai-gateway/cmd/controller"
