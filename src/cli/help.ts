import { ExitCode } from '../errors.js';
import type { CommandName } from './args.js';

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
  polyaxon-setup export --to TARGET      the installation for Argo CD, Flux or helmfile (secrets apart)

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
      --wait 10m           how long install and upgrade wait for the pods on a terminal (0: not at all)

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

const CLUSTER_FLAGS = `Cluster and helm
      --release NAME       release name (default polyaxon)
  -n, --namespace NAME     namespace (default polyaxon)
      --kube-context NAME  kubeconfig context
      --kubeconfig FILE    kubeconfig file
      --helm PATH          helm binary (default: helm on PATH)`;

const VALUE_FLAGS = `Values (lowest first)
  -p, --preset NAME        a preset, or auto (pick from the cluster)
  -f, --values FILE        a values file (repeatable)
      --set a.b=c          helm's --set syntax (repeatable)
      --set-string a.b=c   the same, every value kept a string (repeatable)
  -o, --output FILE        config.yaml (default ./config.yaml)`;

/** `polyaxon-setup COMMAND --help`: what that command does, its flags, an example. */
export const COMMAND_HELP: Record<CommandName, string> = {
  install: `polyaxon-setup [install]: the wizard on a terminal; with --yes, a run without questions

Writes config.yaml from the preset, -f files and --set (or the wizard's answers), then runs helm install.

${VALUE_FLAGS}
      --chart-version V    the chart version to write for and install
      --chart DIR|TGZ      a local chart;  --repo-url URL  a mirror of the repository

Run
  -y, --yes                install without asking (required without a terminal)
      --no-install         write config.yaml and print the helm command, do not run it
      --dry-run            let helm check the install without changing the cluster
      --resume             continue an interrupted wizard;  --plain  line-by-line questions

${CLUSTER_FLAGS}

Example
  polyaxon-setup --preset minikube --yes --no-install
`,
  validate: `polyaxon-setup validate FILE: every problem in a values file, each with its field and fix

      --chart-version V    read FILE as written for that chart version
      --json               the problems as JSON

Example
  polyaxon-setup validate config.yaml
`,
  presets: `polyaxon-setup presets: the presets and what each is for

      --json               each preset with its values

Example
  polyaxon-setup presets --json
`,
  schema: `polyaxon-setup schema: the JSON Schema of config.yaml (editors read it through the file's first line)

Example
  polyaxon-setup schema > polyaxon-setup.schema.json
`,
  doctor: `polyaxon-setup doctor: what the cluster offers and what it means for config.yaml

${CLUSTER_FLAGS}
      --timeout 5s         time limit for probing the cluster
      --wait 10m           how long install and upgrade wait for the pods on a terminal (0: not at all)
      --json               the findings as JSON

Example
  polyaxon-setup doctor --kube-context prod
`,
  upgrade: `polyaxon-setup upgrade: upgrade the release with its deployed values, config.yaml, -f and --set over them

On a terminal every step is walked, prefilled with what is deployed, and the review shows the diff.

${VALUE_FLAGS}
      --chart-version V    the chart version to upgrade to
  -y, --yes                upgrade without the wizard or a question
      --dry-run            let helm check the upgrade without changing the cluster

${CLUSTER_FLAGS}

Example
  polyaxon-setup upgrade --set ui.adminEnabled=false --yes
`,
  uninstall: `polyaxon-setup uninstall: remove the release; PVCs and the namespace are kept unless asked

  -y, --yes                uninstall without typing the release name back
      --no-hooks           skip the chart's pre-delete hooks
      --delete-pvcs        also delete the release's PVCs
      --delete-namespace   also delete the namespace
      --dry-run            show what would go

${CLUSTER_FLAGS}

Example
  polyaxon-setup uninstall --release polyaxon -n polyaxon
`,
  rollback: `polyaxon-setup rollback [--revision N]: roll the release back (by default to its last working revision)

      --revision N         the revision to go back to (helm history lists them)
  -y, --yes                roll back without asking
      --dry-run            show what would happen

${CLUSTER_FLAGS}

Example
  polyaxon-setup rollback --revision 2 --yes
`,
  template: `polyaxon-setup template: the manifests config.yaml (and any preset, -f or --set over it) produces

${VALUE_FLAGS}
      --chart-version V    the chart version to render
      --chart DIR|TGZ      a local chart
      --helm PATH          helm binary

Example
  polyaxon-setup template --set ingress.enabled=false
`,
  export: `polyaxon-setup export --to argocd|flux|helmfile: the installation as objects a GitOps engine reconciles

From config.yaml (and any preset, -f or --set over it), for one pinned chart version: an Argo CD
Application, a Flux HelmRepository and HelmRelease, or a helmfile release. Secret values go to
secret-values.yaml (mode 0600) only; the output says how to seal it. helm is never run.

      --to TARGET          argocd, flux or helmfile
  -o, --output DIR         where to write (default ./gitops; existing files are backed up)
      --chart-version V    the exact chart version to pin (default: the newest this tool knows)
      --repo-url URL       a mirror of https://charts.polyaxon.com
      --clusters a,b,c     a fleet: probe each kube context; a base values file plus what each differs in
      --force              keep a cluster that cannot take the chart version
  -p, --preset NAME        a preset;  -f FILE, --set a.b=c, --set-string a.b=c as for install
      --release NAME       release name (default polyaxon);  -n, --namespace NAME (default polyaxon)
      --kubeconfig FILE    kubeconfig file (for --clusters)
      --json               what was written, the findings and the apply command, as JSON

Example
  polyaxon-setup export --to flux --preset gke --set-string user.password=... --set-string polyaxonSecret=...
`,
};
