/**
 * The hiring-team picker. With JavaScript: an ARIA 1.2 combobox (type a name,
 * arrows to move, Enter to add, Escape to close) that searches the directory
 * through /recruit/team-search. Without JavaScript: "Find people" posts the
 * form, the server lists matches, each with an "Add" intent button. Either
 * way the team is a list of researcher ids (`team[0]`, `team[1]`, ...), shown
 * with photo, title and lab, each with "Remove".
 */
import { getInputProps } from "@conform-to/react";
import { useEffect, useId, useMemo, useRef, useState, type KeyboardEvent } from "react";
import type { TeamPerson } from "~/lib/opening-form";
import { ErrorList } from "~/components/forms";
import { Portrait } from "~/components/portrait";
import { MAX_TEAM } from "./opening-form-schema";
import type { OpeningFieldsetProps } from "./opening-form-hook";

function Avatar({ person }: { person: TeamPerson }) {
  if (person.hasPhoto)
    return (
      <img
        className="avatar"
        src={`/people/${person.slug}/photo`}
        alt=""
        width={40}
        height={40}
        loading="lazy"
      />
    );
  return <Portrait slug={person.slug} size={40} className="avatar avatar--portrait" />;
}

function PersonLine({ person }: { person: TeamPerson }) {
  return (
    <>
      <Avatar person={person} />
      <span className="person-line__text">
        <span className="person-line__name">{person.name}</span>
        <span className="person-line__meta">
          {person.title} · {person.lab}
        </span>
      </span>
    </>
  );
}

function useHydrated() {
  const [hydrated, setHydrated] = useState(false);
  useEffect(() => setHydrated(true), []);
  return hydrated;
}

/** Search results for `query` from the resource route, debounced; [] while empty. */
function usePeopleSearch(query: string, enabled: boolean) {
  const [state, setState] = useState<{ query: string; people: TeamPerson[] }>({
    query: "",
    people: [],
  });
  useEffect(() => {
    const q = query.trim();
    if (!enabled || q.length < 2) return;
    const controller = new AbortController();
    const timer = setTimeout(() => {
      fetch(`/recruit/team-search?${new URLSearchParams({ q })}`, {
        signal: controller.signal,
        headers: { Accept: "application/json" },
      })
        .then((r) => (r.ok ? (r.json() as Promise<{ people: TeamPerson[] }>) : { people: [] }))
        .then((d) => setState({ query: q, people: d.people }))
        .catch(() => {});
    }, 150);
    return () => {
      clearTimeout(timer);
      controller.abort();
    };
  }, [query, enabled]);
  return query.trim().length < 2 ? null : state.query === query.trim() ? state.people : null;
}

export function TeamPicker({
  form,
  fields,
  known,
  matches,
}: OpeningFieldsetProps & {
  /** People the page already knows about (current team, server replies). */
  known: TeamPerson[];
  /** Matches of the no-JavaScript search, if one was run. */
  matches: TeamPerson[] | null;
}) {
  const hydrated = useHydrated();
  const listboxId = useId();
  const statusId = useId();
  const inputRef = useRef<HTMLInputElement>(null);
  const [picked, setPicked] = useState<TeamPerson[]>([]);
  const [query, setQuery] = useState(String(fields.teamQuery.initialValue ?? ""));
  const [open, setOpen] = useState(false);
  const [active, setActive] = useState(0);
  const rows = fields.team.getFieldList();
  const teamIds = rows.map((r) => Number(r.value ?? r.initialValue));
  const people = useMemo(() => {
    const map = new Map<number, TeamPerson>();
    for (const p of [...known, ...(matches ?? []), ...picked]) map.set(p.id, p);
    return map;
  }, [known, matches, picked]);
  const results = usePeopleSearch(query, hydrated);
  const options = (results ?? []).filter((p) => !teamIds.includes(p.id));
  const expanded = hydrated && open && results !== null;
  const full = rows.length >= MAX_TEAM;

  function add(person: TeamPerson) {
    setPicked((list) => [...list, person]);
    form.insert({ name: fields.team.name, defaultValue: String(person.id) });
    setQuery("");
    setOpen(false);
    setActive(0);
    inputRef.current?.focus();
  }

  function onKeyDown(event: KeyboardEvent<HTMLInputElement>) {
    if (event.key === "ArrowDown") {
      event.preventDefault();
      setOpen(true);
      setActive((a) => (options.length ? (a + 1) % options.length : 0));
    } else if (event.key === "ArrowUp") {
      event.preventDefault();
      setOpen(true);
      setActive((a) => (options.length ? (a - 1 + options.length) % options.length : 0));
    } else if (event.key === "Enter") {
      // Enter never submits the whole form from here: it adds the active option.
      event.preventDefault();
      const person = expanded ? options[active] : undefined;
      if (person && !full) add(person);
    } else if (event.key === "Escape") {
      if (open) event.preventDefault();
      setOpen(false);
    }
  }

  const activeId = expanded && options[active] ? `${listboxId}-${options[active].id}` : undefined;
  return (
    <div className="team-picker">
      <p className="field-label" id={`${listboxId}-team`}>
        Hiring team
      </p>
      <ErrorList id={fields.team.errorId} errors={fields.team.errors} />
      {rows.length === 0 ? (
        <p className="editor-empty">No one yet. Find people by name below.</p>
      ) : (
        <ul className="team-list" aria-labelledby={`${listboxId}-team`}>
          {rows.map((row, i) => {
            const id = teamIds[i];
            const person = people.get(id);
            const label = person?.name ?? `team member ${i + 1}`;
            return (
              <li key={row.key} className="team-member">
                <input {...getInputProps(row, { type: "hidden" })} />
                {person ? (
                  <PersonLine person={person} />
                ) : (
                  <span className="person-line__text">Researcher #{id}</span>
                )}
                <button
                  type="submit"
                  className="button button--ghost button--small"
                  {...form.remove.getButtonProps({ name: fields.team.name, index: i })}
                >
                  Remove<span className="visually-hidden"> {label}</span>
                </button>
                <ErrorList errors={row.errors} />
              </li>
            );
          })}
        </ul>
      )}

      <div className="combobox">
        <label htmlFor={fields.teamQuery.id}>Find people by name</label>
        <p className="hint" id={`${statusId}-hint`}>
          {hydrated
            ? "Type two letters or more, then pick with the arrow keys and Enter."
            : "Type a name and press “Find people”."}
        </p>
        <div className="combobox__controls">
          <input
            ref={inputRef}
            type="search"
            id={fields.teamQuery.id}
            name={fields.teamQuery.name}
            value={query}
            autoComplete="off"
            disabled={full}
            aria-describedby={`${statusId}-hint`}
            onChange={(e) => {
              setQuery(e.target.value);
              setOpen(true);
              setActive(0);
            }}
            onKeyDown={hydrated ? onKeyDown : undefined}
            onBlur={() => setOpen(false)}
            {...(hydrated
              ? {
                  role: "combobox",
                  "aria-expanded": expanded,
                  "aria-controls": listboxId,
                  "aria-autocomplete": "list" as const,
                  "aria-activedescendant": activeId,
                }
              : {})}
          />
          <button
            type="submit"
            name="intent"
            value="find-people"
            formNoValidate
            className="button button--ghost"
          >
            Find people
          </button>
        </div>
        {hydrated ? (
          <ul
            id={listboxId}
            role="listbox"
            aria-label="People found"
            className="combobox__list"
            hidden={!expanded || options.length === 0}
          >
            {options.map((p, i) => (
              <li
                key={p.id}
                id={`${listboxId}-${p.id}`}
                role="option"
                aria-selected={i === active}
                className="combobox__option person-line"
                // mousedown, not click: the input's blur would close the list first.
                onMouseDown={(e) => {
                  e.preventDefault();
                  add(p);
                }}
              >
                <PersonLine person={p} />
              </li>
            ))}
          </ul>
        ) : null}
        <p id={statusId} className="visually-hidden" aria-live="polite">
          {expanded
            ? options.length
              ? `${options.length} ${options.length === 1 ? "person" : "people"} found`
              : "No one found"
            : ""}
        </p>
      </div>

      {matches ? (
        <section className="team-matches" aria-label="People found">
          {matches.length === 0 ? (
            <p className="editor-empty">No one in the directory matches that name.</p>
          ) : (
            <ul className="team-list">
              {matches.map((p) => (
                <li key={p.id} className="team-member">
                  <PersonLine person={p} />
                  {teamIds.includes(p.id) ? (
                    <span className="row-lock">On the team</span>
                  ) : (
                    <button
                      type="submit"
                      className="button button--small"
                      disabled={full}
                      {...form.insert.getButtonProps({
                        name: fields.team.name,
                        defaultValue: String(p.id),
                      } as never)}
                    >
                      Add<span className="visually-hidden"> {p.name}</span>
                    </button>
                  )}
                </li>
              ))}
            </ul>
          )}
        </section>
      ) : null}
    </div>
  );
}
