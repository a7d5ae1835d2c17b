/**
 * The words and addresses of the five admin directory resources. Their list,
 * new and edit routes share one page layout (resource-pages.tsx) and differ in
 * these nouns, their columns, their form and their model, which each route
 * names itself. Every string here is shown to admins or read by tests, so
 * each is spelled out rather than derived from another.
 */
export type AdminResource = {
  /** The admin list's address; a row is edited at `${path}/${id}`, added at `${path}/new`. */
  path: string;
  /** The public page's address prefix, linked from the editor. */
  publicPath: string;
  /** The list's heading and its table's name. */
  title: string;
  /** The list's browser title. */
  metaTitle: string;
  /** The count under the list's heading: one, many. */
  count: readonly [string, string];
  /** The list's "add" button and the new page's browser title. */
  addLabel: string;
  /** The new page's heading. */
  addTitle: string;
  /** The editor's browser title while its row is unknown (an error page). */
  editTitle: string;
  /** The editor's notice after the row was added. */
  created: string;
  /** The list's notice after a row was deleted (resources that can be deleted). */
  deleted?: string;
  /** The 404 heading and message of a missing row. */
  notFound: string;
};

export const AREAS: AdminResource = {
  path: "/admin/areas",
  publicPath: "/areas",
  title: "Research areas",
  metaTitle: "Research areas",
  count: ["research area", "research areas"],
  addLabel: "Add research area",
  addTitle: "Add research area",
  editTitle: "Edit research area",
  created: "Research area added. It is listed on the public research areas page.",
  notFound: "Research area not found",
};

export const LABS: AdminResource = {
  path: "/admin/labs",
  publicPath: "/labs",
  title: "Labs",
  metaTitle: "Labs",
  count: ["lab", "labs"],
  addLabel: "Add lab",
  addTitle: "Add lab",
  editTitle: "Edit lab",
  created: "Lab added. It is listed on the public labs page.",
  notFound: "Lab not found",
};

export const PROGRAMS: AdminResource = {
  path: "/admin/programs",
  publicPath: "/programs",
  title: "Programs",
  metaTitle: "Programs",
  count: ["program", "programs"],
  addLabel: "Add program",
  addTitle: "Add program",
  editTitle: "Edit program",
  created: "Program added.",
  deleted: "Program deleted. Its open roles stay, without a program.",
  notFound: "Program not found",
};

export const EVENTS: AdminResource = {
  path: "/admin/events",
  publicPath: "/events",
  title: "Events",
  metaTitle: "Events",
  count: ["event", "events"],
  addLabel: "Add event",
  addTitle: "Add event",
  editTitle: "Edit event",
  created: "Event added. It is listed on the events page.",
  deleted: "Event deleted.",
  notFound: "Event not found",
};

export const TOOLS: AdminResource = {
  path: "/admin/tools",
  publicPath: "/tools",
  title: "Tools, datasets and models",
  metaTitle: "Tools",
  count: ["entry", "entries"],
  addLabel: "Add tool",
  addTitle: "Add a tool, dataset or model",
  editTitle: "Edit tool",
  created: "Added. It is listed on the public tools page.",
  deleted: "Deleted.",
  notFound: "Tool not found",
};
