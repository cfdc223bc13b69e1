import { ExitCode } from '../errors.js';

export const HELP = `polyaxon-setup: install Polyaxon on Kubernetes with the Helm chart

Usage
  polyaxon-setup [flags]                 the wizard (on a terminal), or a preset run with --yes
  polyaxon-setup validate FILE           list every problem in a values file
  polyaxon-setup presets                 list presets
  polyaxon-setup schema                  print the JSON Schema of config.yaml
  polyaxon-setup doctor                  what the cluster offers and what it means for the config
  polyaxon-setup upgrade                 upgrade the release with config.yaml, -f and --set
  polyaxon-setup uninstall               remove the release (PVCs and namespace are kept)
  polyaxon-setup rollback [--revision N] roll the release back
  polyaxon-setup template                print the manifests config.yaml produces

Values (lowest first: the spec's defaults < preset < -f files < --set < --set-string)
  -p, --preset NAME        minikube, microk8s, kubernetes, gke, eks, kubespray, openshift, nfs,
                           docker-compose, or auto (pick from the cluster)
  -f, --values FILE        a values file (repeatable)
      --set a.b=c          helm's --set syntax: lists a={x,y}, a[0].b=c, a\\.b=c (repeatable)
      --set-string a.b=c   the same, every value kept a string (repeatable)
  -o, --output FILE        where to write (default ./config.yaml; an existing file is backed up)
      --chart-version V    write the names chart V reads (0.6.x: timeZone, adminViewEnabled, ...)

Run
  -y, --yes                answer yes to confirmations (required without a terminal)
      --no-install         write config.yaml and print the helm command, do not run it
      --dry-run            let helm check the install without changing the cluster
      --resume             continue an interrupted wizard
      --plain              line-by-line questions instead of the full-screen wizard
      --json               machine-readable output
      --timeout 5s         time limit for probing the cluster

Cluster and helm
      --release NAME       release name (default polyaxon)
  -n, --namespace NAME     namespace (default polyaxon)
      --kube-context NAME  kubeconfig context
      --kubeconfig FILE    kubeconfig file
      --helm PATH          helm binary (default: helm on PATH)
      --chart DIR|TGZ      a local chart instead of the polyaxon repository
      --repo-url URL       a mirror of https://charts.polyaxon.com
      --no-hooks           uninstall without running pre-delete hooks
      --delete-pvcs        uninstall also deletes the release's PVCs
      --delete-namespace   uninstall also deletes the namespace

Examples
  npx polyaxon-setup                                          the wizard
  polyaxon-setup --preset minikube --yes --no-install         write config.yaml for minikube
  polyaxon-setup --preset gke -f prod.yaml --set ingress.hostName=px.acme.com --yes
  polyaxon-setup --preset auto --yes --no-install --kube-context prod
  polyaxon-setup validate config.yaml
  polyaxon-setup upgrade --set deploymentVersion=1.22.0 --yes
  polyaxon-setup uninstall --yes

Exit codes
${Object.entries(ExitCode)
  .map(([k, v]) => `  ${String(v).padStart(3)}  ${k}`)
  .join('\n')}
`;
