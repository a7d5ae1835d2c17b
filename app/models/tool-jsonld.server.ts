/** schema.org for a tool page: Dataset for datasets, SoftwareSourceCode for everything else. */
import type { ToolKind } from "../../db/schema";
import { isSpdxId, spdxUrl } from "~/utils/outputs";
import { ORG_NAME } from "~/utils/site";

export function toolJsonLd(t: {
  name: string;
  kind: ToolKind;
  summary: string;
  url: string;
  repositoryUrl: string | null;
  documentationUrl: string | null;
  license: string;
  areas: string[];
  maintainers: Array<{ name: string; url: string }>;
  citations: Array<{ title: string; url: string | null }>;
  dateModified: string;
}) {
  const license = isSpdxId(t.license) ? spdxUrl(t.license) : t.license;
  const people = t.maintainers.map((m) => ({ "@type": "Person", name: m.name, url: m.url }));
  const citation = t.citations.map((c) => ({
    "@type": "ScholarlyArticle",
    name: c.title,
    ...(c.url ? { url: c.url } : {}),
  }));
  const common = {
    "@context": "https://schema.org",
    name: t.name,
    description: t.summary,
    url: t.url,
    license,
    keywords: t.areas.length ? t.areas : undefined,
    dateModified: t.dateModified,
    publisher: { "@type": "Organization", name: ORG_NAME },
    citation: citation.length ? citation : undefined,
  };
  if (t.kind === "dataset") {
    return {
      ...common,
      "@type": "Dataset",
      creator: people.length ? people : { "@type": "Organization", name: ORG_NAME },
      ...(t.repositoryUrl
        ? { distribution: { "@type": "DataDownload", contentUrl: t.repositoryUrl } }
        : {}),
      ...(t.documentationUrl ? { sameAs: t.documentationUrl } : {}),
    };
  }
  return {
    ...common,
    "@type": "SoftwareSourceCode",
    ...(t.repositoryUrl ? { codeRepository: t.repositoryUrl } : {}),
    ...(t.documentationUrl
      ? { softwareHelp: { "@type": "CreativeWork", url: t.documentationUrl } }
      : {}),
    maintainer: people.length ? people : undefined,
    author: people.length ? people : { "@type": "Organization", name: ORG_NAME },
  };
}
