/**
 * Hand-written copy for the demo seed (db/seed.ts): Northlight Research's six
 * research areas and eight labs, plus the vocabulary the generator combines
 * into bios, publication titles, openings and application activity. All of it
 * is our own wording; nothing is copied from a real organisation's site.
 */
import type { OpeningKind, QuestionType } from "../app/lib/enums";
import type { CountryCode } from "../app/utils/countries";

export interface AreaContent {
  slug: string;
  name: string;
  summary: string;
  description: string;
  /** Research topics, used in bios, opening titles and search text. */
  topics: string[];
  /** Method words for publication titles ("Scalable …", "… for …"). */
  methods: string[];
  venues: string[];
}

export const AREAS: AreaContent[] = [
  {
    slug: "foundations-of-computing",
    name: "Foundations of Computing",
    summary:
      "The mathematics, algorithms and machine learning theory that the rest of our work stands on, and the computing paradigms that come next.",
    description: `We study what can be learned, computed and optimised, and how fast. Our researchers work on the theory of machine learning, efficient algorithms, optimisation and new ways to compute, from quantum devices to energy-frugal hardware.

## What we work on

- **Learning theory**: why large models generalise, and when they do not.
- **Algorithms and optimisation**: faster methods with guarantees that hold in practice.
- **New paradigms**: quantum algorithms, analogue and neuromorphic computing.

Results here tend to travel: a better optimiser or a sharper bound shows up a year later in every other area of Northlight.`,
    topics: [
      "learning theory",
      "large-scale optimisation",
      "quantum algorithms",
      "graph algorithms",
      "probabilistic inference",
      "efficient neural architectures",
      "reinforcement learning",
      "compilers for machine learning",
      "distributed systems",
      "neuromorphic computing",
    ],
    methods: [
      "Provably efficient",
      "Scalable",
      "Sparse",
      "Adaptive",
      "Randomised",
      "Differentiable",
    ],
    venues: ["NeurIPS", "ICML", "COLT", "STOC", "SODA", "ICLR", "QIP"],
  },
  {
    slug: "trustworthy-technology",
    name: "Trustworthy Technology",
    summary:
      "Privacy, security, fairness and governance: making sure the systems we build deserve the trust people place in them.",
    description: `Technology earns trust when it protects people's data, resists attack, treats people fairly and can be held to account. This area brings together cryptographers, security engineers, ethicists and policy researchers.

## What we work on

- **Privacy**: differential privacy, federated learning and private analytics that still answer useful questions.
- **Security**: software supply chains, formal verification, robust machine learning.
- **Fairness and governance**: audits, documentation practices and evaluation methods that regulators and communities can use.

We publish openly and work with civil society groups, standards bodies and universities.`,
    topics: [
      "differential privacy",
      "federated learning",
      "applied cryptography",
      "software supply-chain security",
      "formal verification",
      "algorithmic fairness",
      "model auditing",
      "adversarial robustness",
      "AI governance",
      "secure multiparty computation",
    ],
    methods: ["Private", "Verifiable", "Robust", "Auditable", "Fair", "Certified"],
    venues: ["IEEE S&P", "USENIX Security", "ACM CCS", "FAccT", "PETS", "CRYPTO", "AIES"],
  },
  {
    slug: "human-creativity-and-interaction",
    name: "Human Creativity and Interaction",
    summary:
      "Tools that extend what people can make, learn and do, designed with and for everyone who will use them.",
    description: `We design and study the interfaces between people and computation: how writers, musicians, programmers and students work, and how tools can help rather than get in the way.

## What we work on

- **Accessibility**: interfaces that work for blind and low-vision users, people with motor impairments and speakers of under-served languages.
- **Creative tools**: co-creative systems for writing, music and visual design.
- **Productivity and learning**: programming assistants, collaborative editors and tutoring systems, evaluated in real use.

Most projects include field studies with the people they are meant for.`,
    topics: [
      "human-computer interaction",
      "accessibility",
      "co-creative writing tools",
      "music generation",
      "programming assistants",
      "collaborative editing",
      "speech interfaces",
      "educational technology",
      "visualisation",
      "low-resource languages",
    ],
    methods: [
      "Interactive",
      "Accessible",
      "Participatory",
      "Mixed-initiative",
      "Conversational",
      "Inclusive",
    ],
    venues: ["CHI", "UIST", "CSCW", "ASSETS", "ACL", "IUI", "DIS"],
  },
  {
    slug: "scientific-discovery",
    name: "Tools for Scientific Discovery",
    summary:
      "Computation that speeds up science: models, simulators and lab tools that help scientists ask and answer questions faster.",
    description: `Many of the most important questions in physics, chemistry and biology are bottlenecked by computation or by the time experiments take. We build tools that scientists actually use.

## What we work on

- **Machine learning for science**: surrogate models, protein and materials design, learned simulators.
- **Automation**: closed-loop experimentation and laboratory robotics.
- **Open tools**: well-documented software and data sets released for the research community.

We work side by side with domain scientists at universities and institutes on every project.`,
    topics: [
      "materials discovery",
      "protein design",
      "learned simulators",
      "climate-aware numerical methods",
      "automated experimentation",
      "scientific software",
      "symbolic regression",
      "astronomy data pipelines",
      "molecular dynamics",
      "uncertainty quantification",
    ],
    methods: [
      "Physics-informed",
      "Data-efficient",
      "Equivariant",
      "Accelerated",
      "Open",
      "Autonomous",
    ],
    venues: [
      "Nature Methods",
      "Science Advances",
      "NeurIPS",
      "ICML",
      "PNAS",
      "Digital Discovery",
      "JCTC",
    ],
  },
  {
    slug: "health-and-life-sciences",
    name: "Health and Life Sciences",
    summary:
      "Health technology that works for everyone: from genomics to clinical tools designed for the places that need them most.",
    description: `We work on technology that improves health outcomes and narrows, rather than widens, gaps in care. Our researchers include clinicians, biologists, statisticians and engineers.

## What we work on

- **Clinical machine learning**: medical imaging, triage and decision support, evaluated prospectively.
- **Genomics and biology**: single-cell analysis, variant interpretation and population-scale studies.
- **Equitable access**: low-cost diagnostics and tools designed with health workers in low-resource settings.

Every project has a clinical or community partner and an ethics review.`,
    topics: [
      "medical imaging",
      "clinical decision support",
      "single-cell genomics",
      "variant interpretation",
      "mobile health",
      "low-cost diagnostics",
      "epidemiological modelling",
      "health equity",
      "wearable sensing",
      "drug repurposing",
    ],
    methods: [
      "Equitable",
      "Prospective",
      "Calibrated",
      "Interpretable",
      "Population-scale",
      "Low-cost",
    ],
    venues: [
      "Nature Medicine",
      "The Lancet Digital Health",
      "MICCAI",
      "RECOMB",
      "ML4H",
      "Bioinformatics",
      "CHIL",
    ],
  },
  {
    slug: "resilience-and-sustainability",
    name: "Resilience and Sustainability",
    summary:
      "Research for a changing planet: climate, food, energy and the readiness to respond when crises arrive.",
    description: `We apply computation to the problems that will shape the coming decades: a warming climate, food security, clean energy and the next pandemic.

## What we work on

- **Climate and weather**: high-resolution forecasting, extreme-event attribution and adaptation planning.
- **Agriculture and land**: crop monitoring from satellites, soil and water models.
- **Energy and response**: grid optimisation, and early-warning systems for outbreaks and floods.

We share data and models openly with public agencies and communities.`,
    topics: [
      "weather forecasting",
      "flood early warning",
      "crop monitoring",
      "remote sensing",
      "energy grid optimisation",
      "carbon accounting",
      "pandemic preparedness",
      "biodiversity monitoring",
      "water resources",
      "urban heat",
    ],
    methods: [
      "Probabilistic",
      "High-resolution",
      "Satellite-based",
      "Community-driven",
      "Operational",
      "Resilient",
    ],
    venues: [
      "Nature Climate Change",
      "NeurIPS",
      "ICLR",
      "GRL",
      "Remote Sensing of Environment",
      "e-Energy",
      "KDD",
    ],
  },
];

export interface LabContent {
  slug: string;
  name: string;
  city: string;
  /** ISO 3166-1 alpha-2 code, as labs store it. */
  country: CountryCode;
  description: string;
  /** faker locale for most people's names at this lab (null: the global mix). */
  locale: string | null;
}

export const LABS: LabContent[] = [
  {
    slug: "zurich",
    name: "Northlight Zurich",
    city: "Zurich",
    country: "CH",
    locale: "de_CH",
    description:
      "Our first lab, by the lake in Zurich. Home to much of our foundations and privacy research, with close ties to the city's universities.",
  },
  {
    slug: "montreal",
    name: "Northlight Montréal",
    city: "Montréal",
    country: "CA",
    locale: "fr_CA",
    description:
      "A bilingual lab in the Mile End focused on machine learning, creative tools and open science.",
  },
  {
    slug: "nairobi",
    name: "Northlight Nairobi",
    city: "Nairobi",
    country: "KE",
    locale: null,
    description:
      "Works on health, agriculture and language technology with partners across East Africa.",
  },
  {
    slug: "bengaluru",
    name: "Northlight Bengaluru",
    city: "Bengaluru",
    country: "IN",
    locale: "en_IN",
    description:
      "Research on systems, accessibility and public health, with a strong tradition of field deployments.",
  },
  {
    slug: "tokyo",
    name: "Northlight Tokyo",
    city: "Tokyo",
    country: "JP",
    locale: null,
    description:
      "Robotics, scientific discovery and human-computer interaction in a lab a short walk from Ochanomizu station.",
  },
  {
    slug: "sao-paulo",
    name: "Northlight São Paulo",
    city: "São Paulo",
    country: "BR",
    locale: "pt_BR",
    description:
      "Climate, agriculture and trustworthy technology research for Latin America and beyond.",
  },
  {
    slug: "amsterdam",
    name: "Northlight Amsterdam",
    city: "Amsterdam",
    country: "NL",
    locale: "nl",
    description:
      "Fairness, governance and information retrieval, in a canal-side building shared with our policy team.",
  },
  {
    slug: "melbourne",
    name: "Northlight Melbourne",
    city: "Melbourne",
    country: "AU",
    locale: "en_AU",
    description:
      "Sustainability, health and computational science, working closely with Australian universities and agencies.",
  },
];

/** Locales mixed into every lab so teams look as international as real ones. */
export const GLOBAL_LOCALES = [
  "en",
  "de",
  "fr",
  "es",
  "it",
  "nl",
  "sv",
  "pl",
  "pt_BR",
  "en_IN",
  "en_NG",
  "tr",
  "vi",
  "fi",
  "da",
  "cs_CZ",
];

export const TITLES: Array<{ value: string; weight: number }> = [
  { value: "Research Scientist", weight: 30 },
  { value: "Senior Research Scientist", weight: 18 },
  { value: "Staff Research Scientist", weight: 6 },
  { value: "Principal Researcher", weight: 6 },
  { value: "Research Engineer", weight: 16 },
  { value: "Senior Research Engineer", weight: 7 },
  { value: "Postdoctoral Fellow", weight: 12 },
  { value: "Research Fellow", weight: 3 },
  { value: "Lab Director", weight: 1 },
];

export const UNIVERSITIES = [
  "ETH Zurich",
  "the University of Toronto",
  "Université de Montréal",
  "the University of Nairobi",
  "IISc Bengaluru",
  "the University of Tokyo",
  "the University of São Paulo",
  "the University of Amsterdam",
  "the University of Melbourne",
  "EPFL",
  "MIT",
  "Carnegie Mellon University",
  "the University of Cambridge",
  "Tsinghua University",
  "KAIST",
  "the University of Cape Town",
  "TU Delft",
  "Sorbonne University",
];

export const PUBLICATION_PATTERNS = [
  "{Method} {topic} at scale",
  "{Method} methods for {topic}",
  "Towards {method} {topic}",
  "Rethinking {topic}: lessons from {n} deployments",
  "A benchmark for {topic}",
  "{Method} {topic} with limited data",
  "On the limits of {topic}",
  "What {topic} can learn from {topic2}",
  "{Method} {topic} in the wild",
  "Measuring progress in {topic}",
];

export const KIND_TITLES: Record<OpeningKind, string[]> = {
  researcher: [
    "Research Scientist, {Topic}",
    "Senior Research Scientist, {Topic}",
    "Research Scientist — {Area}",
  ],
  postdoc: ["Postdoctoral Researcher in {Topic}", "Postdoctoral Fellow, {Area}"],
  intern: ["Research Intern, {Topic}", "PhD Research Intern — {Area}"],
  fellowship: ["{Area} Fellowship", "Visiting Fellowship in {Topic}"],
  engineer: [
    "Research Engineer, {Topic}",
    "Software Engineer, {Area} Research",
    "Senior Research Engineer, {Topic}",
  ],
};

export const KIND_WEIGHTS: Array<{ value: OpeningKind; weight: number }> = [
  { value: "researcher", weight: 35 },
  { value: "engineer", weight: 25 },
  { value: "postdoc", weight: 18 },
  { value: "intern", weight: 14 },
  { value: "fellowship", weight: 8 },
];

export const KIND_QUALIFICATIONS: Record<OpeningKind, string[]> = {
  researcher: [
    "A PhD in computer science, statistics, a natural science or a related field, or equivalent research experience",
    "A record of publications at leading venues in {topic} or a neighbouring field",
    "Experience leading a research project from question to published result",
  ],
  postdoc: [
    "A PhD (completed or expected within six months) in a relevant field",
    "First-author publications related to {topic}",
    "Curiosity about working across disciplines",
  ],
  intern: [
    "Currently enrolled in a PhD programme (Master's students in their final year are welcome too)",
    "Experience with {topic} through coursework or research",
    "Fluency in Python or a similar language",
  ],
  fellowship: [
    "An early-career researcher (within five years of your PhD) or an established academic on sabbatical",
    "A project proposal related to {topic}",
    "Willingness to spend at least six months at one of our labs",
  ],
  engineer: [
    "Strong software engineering skills in Python, C++, Rust or TypeScript",
    "Experience building reliable systems for research or production use",
    "Interest in {topic}; a research background is a plus, not a requirement",
  ],
};

export const SCORECARD_SETS: string[][] = [
  ["Research depth", "Technical skill", "Communication", "Collaboration"],
  ["Research depth", "Originality", "Communication", "Collaboration"],
  ["Engineering skill", "System design", "Communication", "Collaboration"],
  ["Research potential", "Technical skill", "Motivation"],
];

export interface QuestionTemplate {
  label: string;
  type: QuestionType;
  required: boolean;
  options?: string[];
  /** Sample answers for generated applications (yes_no and single_choice draw from the options). */
  answers?: string[];
}

export const QUESTIONS: QuestionTemplate[] = [
  {
    label: "Are you legally able to work in the country of this role?",
    type: "yes_no",
    required: true,
  },
  {
    label: "Will you need visa sponsorship?",
    type: "yes_no",
    required: false,
  },
  {
    label: "When could you start?",
    type: "single_choice",
    required: true,
    options: ["Immediately", "Within 3 months", "Within 6 months", "Later than 6 months"],
  },
  {
    label: "What is your highest degree?",
    type: "single_choice",
    required: true,
    options: ["Bachelor's", "Master's", "PhD (in progress)", "PhD"],
  },
  {
    label: "Link to a paper, repository or project you are proud of",
    type: "short_text",
    required: false,
    answers: [
      "https://arxiv.org/abs/2401.01234",
      "https://github.com/example/benchmark-suite",
      "https://doi.org/10.5555/12345678",
      "My master's thesis, linked from my homepage",
    ],
  },
  {
    label: "Which of our researchers' work is closest to yours?",
    type: "short_text",
    required: false,
    answers: [
      "The privacy team's recent work",
      "The climate forecasting group",
      "Several people in the lab",
      "I am not sure yet",
    ],
  },
  {
    label: "Describe a research problem you would like to work on here.",
    type: "long_text",
    required: true,
    answers: [
      "I would like to understand why current methods fail on long-tailed data and build evaluation sets that expose it. My thesis touched on this and I see a natural extension with the team's tools.",
      "I want to turn a prototype from my PhD into something people in the field can use: documented, tested and fast enough to run on a laptop.",
      "I am interested in how we can measure progress honestly. Many benchmarks saturate quickly; I would like to design ones that stay informative.",
    ],
  },
  {
    label: "Tell us about a time you changed your mind because of evidence.",
    type: "long_text",
    required: false,
    answers: [
      "Early in my PhD I was convinced a larger model would fix our accuracy problem. An ablation showed the labels were the issue; we relabelled and moved on.",
      "A user study showed that the feature I was proudest of confused most participants. We removed it and the tool got better.",
    ],
  },
];

export const SOURCES = [
  "",
  "",
  "LinkedIn",
  "A colleague at Northlight",
  "A conference talk",
  "University careers fair",
  "Our website",
  "Twitter / X",
  "Mailing list",
];

export const REJECTION_REASONS = [
  "Not enough research experience in this area",
  "Stronger candidates for this role",
  "Skills do not match the current needs of the team",
  "Role requires on-site presence the candidate cannot commit to",
  "Position filled",
];

/** The internal reason recorded when a candidate is turned down after interviewing. */
export const INTERVIEW_REJECTION_REASON = "Interview feedback below the bar";

export const REJECTION_MESSAGES = [
  "Thank you for applying and for the time you gave us. After careful review we have decided not to move forward with your application for this role. We were glad to learn about your work and hope you will consider us again.",
  "Thank you for your interest in this role. We received many strong applications and have decided to continue with other candidates. We are grateful for the care you put into your application and wish you the very best.",
  "Thank you for talking with us. The team has decided not to proceed further this time. This was a difficult decision, and we encourage you to apply for future openings that match your interests.",
];

export const HIRED_MESSAGE =
  "Congratulations, and welcome to Northlight Research! Your hiring team will be in touch about your start date and the next steps.";

export const NOTE_BODIES = [
  "Strong publication record; the paper on {topic} is directly relevant to the team.",
  "Scheduled a call for next week. Ask about their experience with {topic}.",
  "Good fit for the lab; please review the cover letter before the screening call.",
  "References look solid. Waiting on one more from their PhD advisor.",
  "Candidate asked about relocation support; forwarded to HR.",
  "Interesting background outside the usual profile for this role, worth a closer look.",
];

export const COVER_LETTER_OPENERS = [
  "I am writing to apply for this role because it sits exactly where my research has been heading.",
  "Your team's recent work on {topic} is the reason I am applying.",
  "I would love to bring my experience in {topic} to Northlight.",
];

export const HEADLINES = [
  "PhD candidate in {topic}",
  "Postdoctoral researcher working on {topic}",
  "Machine learning engineer interested in {topic}",
  "Research scientist, {topic}",
  "Master's student in {topic}",
  "Software engineer moving into {topic}",
];
