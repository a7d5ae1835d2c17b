import { NavLink } from "@remix-run/react";

/** The pages of the organisation's settings. */
export function SettingsNav() {
  const cls = ({ isActive }: { isActive: boolean }) =>
    isActive ? "settings-nav__link settings-nav__link--active" : "settings-nav__link";
  return (
    <nav aria-label="Settings pages" className="settings-nav">
      <NavLink to="/admin/settings" end className={cls}>
        Organisation and look
      </NavLink>
      <NavLink to="/admin/settings/about" className={cls}>
        About page
      </NavLink>
      <NavLink to="/admin/settings/sign-in" className={cls}>
        Staff sign-in
      </NavLink>
    </nav>
  );
}
