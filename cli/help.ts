// Usage text of the modelplane command.

export const PLAN_HELP = `Usage: modelplane plan [FILE|DIR|-]... [-o table|json|yaml] [--diff]

Preview where a fleet's models land, without a cluster. Reads InferenceClasses,
InferenceClusters, ModelDeployments, ModelServices, hand-made ModelEndpoints and existing
ModelReplicas from YAML, runs the six composition functions in-process until nothing changes
(as Crossplane would, with every provider and remote workload simulated as Ready), and prints
where every replica lands, what could not be placed and why, the GPU capacity of every pool,
and each service's address and weighted backends.

With no FILE or DIR it plans the bundled example fleet (examples/quickstart). A DIR
contributes its *.yaml and *.yml files, not its subfolders, as kubectl apply -f does; - reads
standard input (kubectl kustomize overlays/prod | modelplane plan -). Objects of kinds the
plan does not model (Secrets, ConfigMaps, Argo CD objects, anything outside modelplane.ai)
are listed as not planned; an unknown kind within modelplane.ai is an error. The same object
twice is one object when both copies are identical, an error when they differ.

Options:
  -o, --output FORMAT   table (default); json, the plan as data; or yaml, every composed
                        object as Crossplane would apply it
      --diff            print only the ModelReplicas that would be added, moved or removed,
                        compared with the ModelReplicas in the input (the fleet as it runs)
  -h, --help            show this help
      --version         print the version

Exit status (with or without --diff), for CI to gate on:
  0  planned, and everything would serve
  3  planned, but something would not serve: replicas that cannot be scheduled (an
     invalid or unmatched selector, no capacity) or an object that would not become
     Ready (a TopologyMismatch, a service with no ready endpoints): the table's
     UNSCHEDULABLE and NOT READY sections say what and why
  1  invalid input, or the plan could not be completed
  2  a usage error or an internal error

Examples:
  modelplane plan                                   # the bundled example fleet
  modelplane plan examples/multi-region
  modelplane plan fleet/ -o json | jq '.deployments[] | {name, scheduled, unschedulable}'
  kubectl get modelreplicas -A -o yaml > running.yaml
  modelplane plan fleet/ running.yaml --diff        # what applying fleet/ would move
  kubectl kustomize overlays/prod | modelplane plan - --diff
`;

export const HELP = `modelplane: a control plane that serves LLMs across a fleet of GPU clusters.

Commands:
  plan    preview where a fleet's models land, without a cluster

Options:
  --version   print the version

${PLAN_HELP}`;
