import { NavLink } from "@remix-run/react";

/** Secondary navigation of the recruiter workspace. */
export function RecruitNav() {
  const cls = ({ isActive }: { isActive: boolean }) =>
    isActive ? "recruit-nav__link recruit-nav__link--active" : "recruit-nav__link";
  return (
    <nav aria-label="Recruiting" className="recruit-nav">
      <div className="container recruit-nav__inner">
        <NavLink to="/recruit" end className={cls}>
          Dashboard
        </NavLink>
        <NavLink to="/recruit/openings" className={cls}>
          Openings
        </NavLink>
        <NavLink to="/recruit/candidates" className={cls}>
          Candidates
        </NavLink>
        <NavLink to="/recruit/reports" className={cls}>
          Reports
        </NavLink>
      </div>
    </nav>
  );
}
