// Pins KServe's LLMInferenceService controller (github.com/kserve/kserve/cmd/llmisvc) by go.sum.
// KServe's go.mod has a replace block (controller-runtime, Kubernetes 0.34) that only applies inside
// KServe's own module, so scripts/install-tools.sh builds it in a writable copy of this exact,
// go.sum-verified module version (v0.20.1+ are not served by the module proxy here).
module modelplane.ai/tools/kserve

go 1.25.8

require github.com/kserve/kserve v0.20.0
