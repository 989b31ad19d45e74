// The upstream projects whose CRDs (and Kubernetes' OpenAPI documents) the tests validate composed
// objects against, pinned by version here and by hash in go.sum. Nothing imports these modules and
// nothing is built: scripts/fetch-crds.mjs downloads each requirement at exactly the version below
// (`go mod download -json module@version`, checked against go.sum) and copies the CRD files out of
// the module cache into .crds/. Do not run `go mod tidy` here: it would drop every requirement.
//
// Versions are the releases our objects are written for (see README.md "Prerequisites"). Where a
// project's release is not served by the Go module proxy, tools/crds/sources.json says so.
module modelplane.ai/tools/crds

go 1.26

require (
	github.com/argoproj/argo-cd/v3 v3.5.8
	github.com/crossplane-contrib/provider-kubernetes v1.2.1
	github.com/crossplane/crossplane/v2 v2.3.4
	github.com/envoyproxy/gateway v1.9.0
	github.com/kedacore/keda/v2 v2.20.2
	github.com/kserve/kserve v0.20.0
	k8s.io/kubernetes v1.35.4
	sigs.k8s.io/gateway-api v1.6.1
	sigs.k8s.io/gateway-api-inference-extension v1.6.0
	sigs.k8s.io/kueue v0.19.2
	sigs.k8s.io/lws v0.9.0
)
