// Usage text of the modelplane command.

export const PLAN_HELP = `Usage: modelplane plan [FILE|DIR]... [-o table|json|yaml] [--diff]

Preview where a fleet's models land, without a cluster. Reads InferenceClasses,
InferenceClusters, ModelDeployments, ModelServices, hand-made ModelEndpoints and existing
ModelReplicas from YAML, runs the six composition functions in-process until nothing changes
(as Crossplane would, with every provider and remote workload simulated as Ready), and prints
where every replica lands, what could not be placed and why, the GPU capacity of every pool,
and each service's address and weighted backends.

With no FILE or DIR it plans the bundled example fleet (examples/quickstart). A DIR
contributes its *.yaml and *.yml files, not its subfolders, as kubectl apply -f does.
Namespaces, Gateways, KEDA ScaledObjects and Argo CD Applications may sit next to the
manifests; anything else is an error.

Options:
  -o, --output FORMAT   table (default); json, the plan as data; or yaml, every composed
                        object as Crossplane would apply it
      --diff            print only the ModelReplicas that would be added, moved or removed,
                        compared with the ModelReplicas in the input (the fleet as it runs)
  -h, --help            show this help

Exit status: 0 planned; 1 invalid input, or the plan could not be completed;
2 a usage error or an internal error.

Examples:
  modelplane plan                                   # the bundled example fleet
  modelplane plan examples/multi-region
  modelplane plan fleet/ -o json | jq '.deployments[] | {name, scheduled, unschedulable}'
  kubectl get modelreplicas -A -o yaml > running.yaml
  modelplane plan fleet/ running.yaml --diff        # what applying fleet/ would move
`;

export const HELP = `modelplane: a control plane that serves LLMs across a fleet of GPU clusters.

Commands:
  plan    preview where a fleet's models land, without a cluster

${PLAN_HELP}`;
