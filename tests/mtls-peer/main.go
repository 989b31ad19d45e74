// mtls-peer plays Crossplane's side of function mTLS for tests/mtls.test.ts:
//
//	mtls-peer certs DIR   writes certificates made the way Crossplane v2.3.4 makes them
//	mtls-peer call        reads JSON-lines calls on stdin and makes each RunFunction call with
//	                      grpc-go, as Crossplane's function runner does; one JSON line per answer
//
// The templates mirror crossplane/crossplane v2.3.4 internal/initializer/tls.go (the root CA, and
// the client certificate `crossplane core init` writes; server certificates for functions come from
// the same generator in internal/controller/pkg/runtime/runtime_function.go) and
// internal/initializer/cert_generator.go (RSA 2048, PKCS#1 keys, every certificate with the subject
// C=Earth, ST=Earth, L=Earth, O=Crossplane, CN=Crossplane). The client's TLS settings mirror
// crossplane-runtime pkg/certificates LoadMTLSConfig (TLS 1.2+, RootCAs from ca.crt, one client
// certificate). The variants (expired, another CA, ...) are what the function server must refuse.
package main

import (
	"bufio"
	"context"
	"crypto/rand"
	"crypto/rsa"
	"crypto/tls"
	"crypto/x509"
	"crypto/x509/pkix"
	"encoding/base64"
	"encoding/json"
	"encoding/pem"
	"fmt"
	"math/big"
	"os"
	"path/filepath"
	"time"

	"google.golang.org/grpc"
	"google.golang.org/grpc/credentials"
	"google.golang.org/grpc/credentials/insecure"
	"google.golang.org/grpc/encoding"
	"google.golang.org/grpc/status"
)

// crossplaneName is pkixName in internal/initializer/cert_generator.go.
var crossplaneName = pkix.Name{
	CommonName:   "Crossplane",
	Organization: []string{"Crossplane"},
	Country:      []string{"Earth"},
	Province:     []string{"Earth"},
	Locality:     []string{"Earth"},
}

type signer struct {
	cert *x509.Certificate
	key  *rsa.PrivateKey
}

// generate is CertGenerator.Generate: a fresh RSA 2048 key, the template signed by the signer (or by
// itself when there is none), PEM out.
func generate(tmpl *x509.Certificate, s *signer) (keyPEM, certPEM []byte, self *signer) {
	key, err := rsa.GenerateKey(rand.Reader, 2048)
	check(err)
	if s == nil {
		s = &signer{cert: tmpl, key: key}
	}
	der, err := x509.CreateCertificate(rand.Reader, tmpl, s.cert, &key.PublicKey, s.key)
	check(err)
	cert, err := x509.ParseCertificate(der)
	check(err)
	keyPEM = pem.EncodeToMemory(&pem.Block{Type: "RSA PRIVATE KEY", Bytes: x509.MarshalPKCS1PrivateKey(key)})
	certPEM = pem.EncodeToMemory(&pem.Block{Type: "CERTIFICATE", Bytes: der})
	return keyPEM, certPEM, &signer{cert: cert, key: key}
}

// rootCA is loadOrGenerateCA's template.
func rootCA(now time.Time) *x509.Certificate {
	return &x509.Certificate{
		SerialNumber:          big.NewInt(2022),
		Subject:               crossplaneName,
		Issuer:                crossplaneName,
		DNSNames:              []string{"crossplane-root-ca"},
		NotBefore:             now,
		NotAfter:              now.AddDate(10, 0, 0),
		IsCA:                  true,
		KeyUsage:              x509.KeyUsageCRLSign | x509.KeyUsageCertSign,
		BasicConstraintsValid: true,
	}
}

// leaf is ensureClientCertificate's / ensureServerCertificate's template.
func leaf(now time.Time, dnsNames []string, usage x509.ExtKeyUsage) *x509.Certificate {
	return &x509.Certificate{
		SerialNumber:          big.NewInt(2022),
		Subject:               crossplaneName,
		DNSNames:              dnsNames,
		NotBefore:             now,
		NotAfter:              now.AddDate(10, 0, 0),
		IsCA:                  false,
		KeyUsage:              x509.KeyUsageDigitalSignature | x509.KeyUsageKeyEncipherment | x509.KeyUsageDataEncipherment,
		ExtKeyUsage:           []x509.ExtKeyUsage{usage},
		BasicConstraintsValid: true,
	}
}

// ServerName is the name Crossplane dials a function by (its Service, DNSNamesForService).
const ServerName = "function-modelplane.crossplane-system"

// Crossplane's client DNS name: "<service account>.<namespace>" (cmd/crossplane/core/init.go).
const clientDNSName = "crossplane.crossplane-system"

func writeFiles(dir string, files map[string][]byte) {
	check(os.MkdirAll(dir, 0o755))
	for name, data := range files {
		check(os.WriteFile(filepath.Join(dir, name), data, 0o600))
	}
}

func certs(dir string) {
	now := time.Now()
	caKey, caPEM, ca := generate(rootCA(now), nil)
	writeFiles(dir, map[string][]byte{"ca.crt": caPEM, "ca.key": caKey})

	serverKey, serverPEM, _ := generate(leaf(now, []string{"function-modelplane", ServerName, ServerName + ".svc"}, x509.ExtKeyUsageServerAuth), ca)
	writeFiles(filepath.Join(dir, "server"), map[string][]byte{"ca.crt": caPEM, "tls.crt": serverPEM, "tls.key": serverKey})

	client := func(name string, tmpl *x509.Certificate, s *signer) {
		key, cert, _ := generate(tmpl, s)
		writeFiles(filepath.Join(dir, "clients", name), map[string][]byte{"tls.crt": cert, "tls.key": key})
	}
	clientTmpl := func() *x509.Certificate { return leaf(now, []string{clientDNSName}, x509.ExtKeyUsageClientAuth) }

	// What `crossplane core init` writes into the client Secret.
	client("core-init", clientTmpl(), ca)
	// Another Crossplane's CA: the same subject, another key.
	_, strangerPEM, stranger := generate(rootCA(now), nil)
	writeFiles(dir, map[string][]byte{"stranger-ca.crt": strangerPEM})
	client("other-ca", clientTmpl(), stranger)
	expired := clientTmpl()
	expired.NotBefore, expired.NotAfter = now.Add(-48*time.Hour), now.Add(-24*time.Hour)
	client("expired", expired, ca)
	future := clientTmpl()
	future.NotBefore, future.NotAfter = now.Add(24*time.Hour), now.Add(48*time.Hour)
	client("not-yet-valid", future, ca)
	// Its own key, the CA's subject: what OpenSSL thinks the core-init certificate is.
	client("self-signed", clientTmpl(), nil)
	client("server-usage", leaf(now, []string{clientDNSName}, x509.ExtKeyUsageServerAuth), ca)
	noSignature := clientTmpl()
	noSignature.KeyUsage = x509.KeyUsageKeyEncipherment | x509.KeyUsageDataEncipherment
	client("no-digital-signature", noSignature, ca)
	writeFiles(filepath.Join(dir, "clients", "ca-itself"), map[string][]byte{"tls.crt": caPEM, "tls.key": caKey})
}

// rawCodec sends and receives message bytes as they are: the caller encodes the protobufs.
type rawCodec struct{}

func (rawCodec) Marshal(v any) ([]byte, error)   { return *(v.(*[]byte)), nil }
func (rawCodec) Unmarshal(b []byte, v any) error { *(v.(*[]byte)) = append([]byte(nil), b...); return nil }
func (rawCodec) Name() string                    { return "proto" }

type callRequest struct {
	Target string `json:"target"`
	// CA is the ca.crt the client trusts; ClientDir holds its tls.crt and tls.key ("" for none).
	CA        string `json:"ca"`
	ClientDir string `json:"clientDir"`
	Plaintext bool   `json:"plaintext"`
	Request   string `json:"request"` // base64 RunFunctionRequest
}

type callResult struct {
	Code     string `json:"code"`
	Message  string `json:"message,omitempty"`
	Response string `json:"response,omitempty"` // base64 RunFunctionResponse
}

func call(req callRequest) callResult {
	creds := insecure.NewCredentials()
	if !req.Plaintext {
		pool := x509.NewCertPool()
		ca, err := os.ReadFile(req.CA)
		if err != nil || !pool.AppendCertsFromPEM(ca) {
			return callResult{Code: "ClientSetup", Message: fmt.Sprintf("cannot load %s: %v", req.CA, err)}
		}
		cfg := &tls.Config{MinVersion: tls.VersionTLS12, RootCAs: pool, ServerName: ServerName}
		if req.ClientDir != "" {
			pair, err := tls.LoadX509KeyPair(filepath.Join(req.ClientDir, "tls.crt"), filepath.Join(req.ClientDir, "tls.key"))
			if err != nil {
				return callResult{Code: "ClientSetup", Message: err.Error()}
			}
			cfg.Certificates = []tls.Certificate{pair}
		}
		creds = credentials.NewTLS(cfg)
	}
	conn, err := grpc.NewClient(req.Target, grpc.WithTransportCredentials(creds))
	if err != nil {
		return callResult{Code: "ClientSetup", Message: err.Error()}
	}
	defer conn.Close()
	in, err := base64.StdEncoding.DecodeString(req.Request)
	check(err)
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	var out []byte
	err = conn.Invoke(ctx, "/apiextensions.fn.proto.v1.FunctionRunnerService/RunFunction", &in, &out, grpc.ForceCodec(rawCodec{}))
	if err != nil {
		s := status.Convert(err)
		return callResult{Code: s.Code().String(), Message: s.Message()}
	}
	return callResult{Code: "OK", Response: base64.StdEncoding.EncodeToString(out)}
}

func check(err error) {
	if err != nil {
		fmt.Fprintln(os.Stderr, "mtls-peer:", err)
		os.Exit(1)
	}
}

var _ encoding.Codec = rawCodec{}

func main() {
	switch {
	case len(os.Args) == 3 && os.Args[1] == "certs":
		certs(os.Args[2])
	case len(os.Args) == 2 && os.Args[1] == "call":
		in := bufio.NewScanner(os.Stdin)
		in.Buffer(make([]byte, 0, 1<<20), 256<<20)
		out := json.NewEncoder(os.Stdout)
		for in.Scan() {
			var req callRequest
			check(json.Unmarshal(in.Bytes(), &req))
			check(out.Encode(call(req)))
		}
		check(in.Err())
	default:
		fmt.Fprintln(os.Stderr, "usage: mtls-peer certs DIR | mtls-peer call <calls.jsonl")
		os.Exit(2)
	}
}
