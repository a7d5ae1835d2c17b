import { NavLink } from "@remix-run/react";

/** Secondary navigation of the admin area (shared by every /admin page through app/routes/admin.tsx). */
export function AdminNav() {
  const cls = ({ isActive }: { isActive: boolean }) =>
    isActive ? "recruit-nav__link recruit-nav__link--active" : "recruit-nav__link";
  return (
    <nav aria-label="Administration" className="recruit-nav">
      <div className="container recruit-nav__inner">
        <NavLink to="/admin" end className={cls}>
          Overview
        </NavLink>
        <NavLink to="/admin/users" className={cls}>
          Users
        </NavLink>
        <NavLink to="/admin/people" className={cls}>
          People
        </NavLink>
        <NavLink to="/admin/labs" className={cls}>
          Labs
        </NavLink>
        <NavLink to="/admin/areas" className={cls}>
          Research areas
        </NavLink>
        <NavLink to="/admin/programs" className={cls}>
          Programs
        </NavLink>
        <NavLink to="/admin/events" className={cls}>
          Events
        </NavLink>
        <NavLink to="/admin/tools" className={cls}>
          Tools
        </NavLink>
        <NavLink to="/admin/audit" className={cls}>
          Audit log
        </NavLink>
        <NavLink to="/admin/outbox" className={cls}>
          Outbox
        </NavLink>
        <NavLink to="/admin/email-templates" className={cls}>
          Email templates
        </NavLink>
        <NavLink to="/admin/settings" className={cls}>
          Settings
        </NavLink>
      </div>
    </nav>
  );
}
