// Command xrd-budget runs the Kubernetes API server's own CustomResourceDefinition validation —
// including compilation and cost estimation of every x-kubernetes-validations rule — over CRDs
// read from the files named on the command line, and prints one line per problem. It exits 0
// when every CRD is accepted. The tests feed it the CRDs equivalent to our XRDs, so a rule that
// would exceed the API server's CEL cost budget fails CI instead of a platform team's install.
package main

import (
	"context"
	"fmt"
	"os"

	"k8s.io/apiextensions-apiserver/pkg/apis/apiextensions"
	apiextensionsv1 "k8s.io/apiextensions-apiserver/pkg/apis/apiextensions/v1"
	"k8s.io/apiextensions-apiserver/pkg/apis/apiextensions/validation"
	"sigs.k8s.io/yaml"
)

func main() {
	failed := false
	for _, path := range os.Args[1:] {
		problems, err := check(path)
		if err != nil {
			fmt.Printf("%s: %v\n", path, err)
			failed = true
			continue
		}
		for _, p := range problems {
			fmt.Printf("%s: %s\n", path, p)
			failed = true
		}
	}
	if failed {
		os.Exit(1)
	}
}

func check(path string) ([]string, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	var v1 apiextensionsv1.CustomResourceDefinition
	if err := yaml.UnmarshalStrict(data, &v1); err != nil {
		return nil, fmt.Errorf("cannot parse CRD: %w", err)
	}
	apiextensionsv1.SetObjectDefaults_CustomResourceDefinition(&v1)
	var crd apiextensions.CustomResourceDefinition
	if err := apiextensionsv1.Convert_v1_CustomResourceDefinition_To_apiextensions_CustomResourceDefinition(&v1, &crd, nil); err != nil {
		return nil, fmt.Errorf("cannot convert CRD: %w", err)
	}
	var problems []string
	for _, e := range validation.ValidateCustomResourceDefinition(context.Background(), &crd) {
		problems = append(problems, e.Error())
	}
	return problems, nil
}
