// A typed gRPC client for FunctionRunnerService (the SDK does not export one).

import * as grpc from '@grpc/grpc-js';
import {
  FunctionRunnerServiceService,
  RunFunctionResponse,
  type RunFunctionRequest,
} from '@crossplane-org/function-sdk-typescript';

const Client = grpc.makeGenericClientConstructor(FunctionRunnerServiceService, 'FunctionRunnerService');

export interface FunctionClient {
  run(req: RunFunctionRequest): Promise<RunFunctionResponse>;
  /** Sends raw bytes as the request message (for garbage-input tests). */
  runRaw(bytes: Buffer): Promise<RunFunctionResponse>;
  close(): void;
}

export function functionClient(target: string, creds = grpc.credentials.createInsecure()): FunctionClient {
  // Targets are 127.0.0.1:<port>; over TLS, grpc-js would send the IP as the TLS ServerName, which
  // RFC 6066 forbids (Node's DEP0123 warning). The test server certificate also names localhost.
  const client = new Client(target, creds, { 'grpc.ssl_target_name_override': 'localhost' });
  const unary = <T>(method: string, serialize: (v: T) => Buffer, value: T): Promise<RunFunctionResponse> =>
    new Promise((resolve, reject) => {
      client.makeUnaryRequest(
        method,
        serialize,
        (b: Buffer) => RunFunctionResponse.decode(b),
        value,
        { deadline: Date.now() + 10_000 },
        (err: grpc.ServiceError | null, rsp?: RunFunctionResponse) => {
          if (err) reject(err);
          else if (rsp === undefined) reject(new Error('empty response'));
          else resolve(rsp);
        },
      );
    });
  const path = FunctionRunnerServiceService.runFunction.path;
  return {
    run: (req) => unary(path, FunctionRunnerServiceService.runFunction.requestSerialize, req),
    runRaw: (bytes) => unary(path, (b: Buffer) => b, bytes),
    close: () => {
      client.close();
    },
  };
}
