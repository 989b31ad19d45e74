// Command oracle answers CEL, Quantity and semver questions with the real Kubernetes libraries, so
// tests/cel-parity.test.ts can check that lib/cel, lib/quantity and lib/semver give the same answers.
//
// Protocol: one JSON request per line on stdin, one JSON response per line on stdout, in order.
//
//	{"op":"quantity","input":"1.5Gi"}                      resource.ParseQuantity
//	{"op":"quantity-compare","a":"1","b":"1000m"}          Quantity.Cmp
//	{"op":"semver","input":"v1.2","normalize":true}         the CEL semver() parse (blang/semver)
//	{"op":"semver-compare","a":"1.0.0-rc.1","b":"1.0.0"}   semver.Version.Compare
//	{"op":"eval","expression":"quantity('1').isInteger()"}  the Kubernetes base CEL environment
//	{"op":"select","expression":"...","device":{...}}       the DRA device-selector compiler
//
// Floats travel as the hex of their IEEE-754 bits so that comparisons are exact.
package main

import (
	"bufio"
	"context"
	"encoding/json"
	"fmt"
	"math"
	"os"
	"strings"

	"github.com/blang/semver/v4"
	"github.com/google/cel-go/cel"
	"github.com/google/cel-go/common/types"
	"github.com/google/cel-go/common/types/ref"
	"github.com/google/cel-go/common/types/traits"

	resourceapi "k8s.io/api/resource/v1"
	"k8s.io/apimachinery/pkg/api/resource"
	apiservercel "k8s.io/apiserver/pkg/cel"
	"k8s.io/apiserver/pkg/cel/environment"
	dracel "k8s.io/dynamic-resource-allocation/cel"
)

type request struct {
	Op         string      `json:"op"`
	Input      string      `json:"input"`
	Normalize  bool        `json:"normalize"`
	A          string      `json:"a"`
	B          string      `json:"b"`
	Expression string      `json:"expression"`
	Device     *deviceJSON `json:"device"`
}

// deviceJSON is the class's `device` view in DRA's own shape: "<domain>/<name>" keys.
type deviceJSON struct {
	Attributes map[resourceapi.QualifiedName]resourceapi.DeviceAttribute `json:"attributes"`
	Capacity   map[resourceapi.QualifiedName]resourceapi.DeviceCapacity  `json:"capacity"`
}

type response map[string]any

func main() {
	in := bufio.NewScanner(os.Stdin)
	in.Buffer(make([]byte, 1<<20), 1<<24)
	out := bufio.NewWriter(os.Stdout)
	enc := json.NewEncoder(out)
	for in.Scan() {
		var req request
		var rsp response
		if err := json.Unmarshal(in.Bytes(), &req); err != nil {
			rsp = response{"error": "bad request: " + err.Error()}
		} else {
			rsp = answer(req)
		}
		if err := enc.Encode(rsp); err != nil {
			fmt.Fprintln(os.Stderr, err)
			os.Exit(1)
		}
		// Flush per line: the caller may wait for each answer.
		if err := out.Flush(); err != nil {
			os.Exit(1)
		}
	}
}

func answer(req request) response {
	switch req.Op {
	case "quantity":
		return quantity(req.Input)
	case "quantity-compare":
		a, errA := resource.ParseQuantity(req.A)
		b, errB := resource.ParseQuantity(req.B)
		if errA != nil || errB != nil {
			return response{"error": fmt.Sprintf("unparsable: %v %v", errA, errB)}
		}
		return response{"cmp": a.Cmp(b)}
	case "semver":
		return semverAnswer(req.Input, req.Normalize)
	case "semver-compare":
		a, errA := semver.Parse(req.A)
		b, errB := semver.Parse(req.B)
		if errA != nil || errB != nil {
			return response{"error": fmt.Sprintf("unparsable: %v %v", errA, errB)}
		}
		return response{"cmp": a.Compare(b)}
	case "eval":
		return eval(req.Expression)
	case "select":
		return selectDevice(req.Expression, req.Device)
	default:
		return response{"error": "unknown op " + req.Op}
	}
}

func quantity(s string) response {
	q, err := resource.ParseQuantity(s)
	if err != nil {
		return response{"ok": false, "error": err.Error()}
	}
	rsp := response{"ok": true, "canonical": q.String(), "approx": floatBits(q.AsApproximateFloat64()), "sign": q.Sign()}
	if v, ok := q.AsInt64(); ok {
		rsp["int64"] = fmt.Sprint(v)
	}
	return rsp
}

// semverAnswer goes through the CEL library itself so the normalize rules are Kubernetes' own.
func semverAnswer(s string, normalize bool) response {
	expr := fmt.Sprintf("semver(%s, %t)", quote(s), normalize)
	got := eval(expr)
	if got["kind"] != "value" {
		return response{"ok": false, "error": got["detail"]}
	}
	v := got["value"].(map[string]any)
	parsed := semver.MustParse(v["value"].(string))
	return response{"ok": true, "version": parsed.String(), "major": fmt.Sprint(parsed.Major), "minor": fmt.Sprint(parsed.Minor), "patch": fmt.Sprint(parsed.Patch)}
}

func quote(s string) string {
	b, _ := json.Marshal(s) // a JSON string is a valid CEL string literal for our inputs
	return string(b)
}

var baseEnv = func() *cel.Env {
	env, err := environment.MustBaseEnvSet(environment.DefaultCompatibilityVersion()).Env(environment.StoredExpressions)
	if err != nil {
		panic(err)
	}
	return env
}()

func eval(expression string) response {
	ast, issues := baseEnv.Compile(expression)
	if issues != nil && issues.Err() != nil {
		return response{"kind": "compile-error", "detail": issues.Err().Error()}
	}
	prg, err := baseEnv.Program(ast)
	if err != nil {
		return response{"kind": "compile-error", "detail": err.Error()}
	}
	val, _, err := prg.Eval(map[string]any{})
	if err != nil {
		return response{"kind": errorKind(err), "detail": err.Error()}
	}
	enc, err := encode(val)
	if err != nil {
		return response{"kind": "eval-error", "detail": err.Error()}
	}
	return response{"kind": "value", "value": enc}
}

func errorKind(err error) string {
	if strings.Contains(err.Error(), "cost limit exceeded") {
		return "cost-exceeded"
	}
	return "eval-error"
}

// encode turns a CEL value into {"type", "value"} JSON, exactly (ints as strings, doubles as bits).
func encode(val ref.Val) (map[string]any, error) {
	switch v := val.(type) {
	case types.Bool:
		return map[string]any{"type": "bool", "value": bool(v)}, nil
	case types.Int:
		return map[string]any{"type": "int", "value": fmt.Sprint(int64(v))}, nil
	case types.Uint:
		return map[string]any{"type": "uint", "value": fmt.Sprint(uint64(v))}, nil
	case types.Double:
		return map[string]any{"type": "double", "value": floatBits(float64(v))}, nil
	case types.String:
		return map[string]any{"type": "string", "value": string(v)}, nil
	case types.Null:
		return map[string]any{"type": "null", "value": nil}, nil
	case apiservercel.Quantity:
		return map[string]any{"type": "kubernetes.Quantity", "value": v.Quantity.String()}, nil
	case *apiservercel.Quantity:
		return map[string]any{"type": "kubernetes.Quantity", "value": v.Quantity.String()}, nil
	case apiservercel.Semver:
		return map[string]any{"type": "kubernetes.Semver", "value": v.Version.String()}, nil
	case traits.Lister:
		items := []any{}
		it := v.Iterator()
		for it.HasNext() == types.True {
			item, err := encode(it.Next())
			if err != nil {
				return nil, err
			}
			items = append(items, item)
		}
		return map[string]any{"type": "list", "value": items}, nil
	case traits.Mapper:
		entries := []any{}
		it := v.Iterator()
		for it.HasNext() == types.True {
			k := it.Next()
			key, err := encode(k)
			if err != nil {
				return nil, err
			}
			item, err := encode(v.Get(k))
			if err != nil {
				return nil, err
			}
			entries = append(entries, []any{key, item})
		}
		return map[string]any{"type": "map", "value": entries}, nil
	}
	return nil, fmt.Errorf("cannot encode a %s", val.Type().TypeName())
}

// floatBits is the exact IEEE-754 bit pattern; every NaN is "NaN" (their bits differ by platform).
func floatBits(f float64) string {
	if math.IsNaN(f) {
		return "NaN"
	}
	return fmt.Sprintf("%016x", math.Float64bits(f))
}

func selectDevice(expression string, device *deviceJSON) response {
	if device == nil {
		device = &deviceJSON{}
	}
	compiled := dracel.GetCompiler(dracel.Features{}).CompileCELExpression(expression, dracel.Options{})
	if compiled.Error != nil {
		return response{"result": "compile-error", "detail": compiled.Error.Error()}
	}
	matched, _, err := compiled.DeviceMatches(context.Background(), dracel.Device{
		Attributes: device.Attributes,
		Capacity:   device.Capacity,
	})
	if err != nil {
		return response{"result": errorKind(err), "detail": err.Error()}
	}
	return response{"result": fmt.Sprint(matched)}
}
