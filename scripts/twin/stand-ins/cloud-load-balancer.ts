// Stand-in for a cloud provider's load-balancer controller (the service controller of a cloud
// controller manager). It sets only what that controller sets: the status.loadBalancer.ingress of
// each Service of type LoadBalancer, with an address from 127.0.100.0/24 (loopback, so nothing
// outside this machine is ever named), allocated in creation order and kept for the Service's life.
// Each cluster gets its own /24 (NETWORK, default 127.0.100; workload cluster N uses 127.0.(100+N)).
// Usage: node --import tsx cloud-load-balancer.ts KUBECONFIG [NETWORK]

import { kubeFromKubeconfig, loop } from '../kube.js';

const [kubeconfig = '', network = '127.0.100'] = process.argv.slice(2);
if (!kubeconfig || !/^127\.\d{1,3}\.\d{1,3}$/.test(network)) {
  console.error('usage: cloud-load-balancer.ts KUBECONFIG [NETWORK: 127.x.y]');
  process.exit(2);
}
const kube = kubeFromKubeconfig(kubeconfig);

interface Service {
  metadata: { name: string; namespace: string; creationTimestamp: string };
  spec: { type?: string; loadBalancerClass?: string };
  status?: { loadBalancer?: { ingress?: { ip?: string; hostname?: string }[] } };
}

loop('cloud-load-balancer', 1000, async () => {
  const list = await kube.get<{ items: Service[] }>('/api/v1/services');
  // A loadBalancerClass names another implementation: a cloud controller leaves those alone.
  const services = list.items.filter((s) => s.spec.type === 'LoadBalancer' && !s.spec.loadBalancerClass);
  const taken = new Set(services.flatMap((s) => s.status?.loadBalancer?.ingress?.map((i) => i.ip) ?? []));
  const pending = services
    .filter((s) => !s.status?.loadBalancer?.ingress?.length)
    .sort((a, b) =>
      (a.metadata.creationTimestamp + a.metadata.namespace + a.metadata.name).localeCompare(
        b.metadata.creationTimestamp + b.metadata.namespace + b.metadata.name,
      ),
    );
  for (const svc of pending) {
    let host = 1;
    while (taken.has(`${network}.${host}`) && host < 254) host++;
    const ip = `${network}.${host}`;
    taken.add(ip);
    await kube.mergePatch(
      `/api/v1/namespaces/${svc.metadata.namespace}/services/${svc.metadata.name}/status`,
      {
        status: { loadBalancer: { ingress: [{ ip, ipMode: 'VIP' }] } },
      },
    );
    console.log(`${svc.metadata.namespace}/${svc.metadata.name}: load balancer at ${ip}`);
  }
});
