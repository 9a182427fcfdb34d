"""Screenshots of a running ActLocal for the README: `python manage.py screenshots --base URL`."""

from pathlib import Path

from django.core.management.base import BaseCommand

from actlocal.core.browser import browser_page, session_key_for, sign_in_as

PAGES = {
    "home": "/",
}


class Command(BaseCommand):
    help = "Take README screenshots of a running site with Debian's chromium."

    def add_arguments(self, parser):
        parser.add_argument("--base", default="http://127.0.0.1:8000")
        parser.add_argument("--out", default="docs/screenshots")
        parser.add_argument("--width", type=int, default=1280)
        parser.add_argument("--height", type=int, default=900)
        parser.add_argument(
            "--viewport-only", action="store_true", help="the first screenful, not the whole page"
        )
        parser.add_argument("--as", dest="as_user", metavar="EMAIL", help="sign in as this user first")
        parser.add_argument("pages", nargs="*", help=f"names or paths (default: {', '.join(PAGES)})")

    def handle(self, *args, base, out, width, height, viewport_only, pages, as_user=None, **options):
        out_dir = Path(out)
        out_dir.mkdir(parents=True, exist_ok=True)
        targets = {name: PAGES.get(name, name) for name in pages} if pages else PAGES
        key = None
        if as_user:
            from django.contrib.auth import get_user_model

            key = session_key_for(get_user_model().objects.get(email=as_user))
        with browser_page(width=width, height=height) as page:
            if key:
                sign_in_as(page, base, session_key=key)
            for name, path in targets.items():
                response = page.goto(base.rstrip("/") + path, wait_until="networkidle")
                if response is None or response.status != 200:
                    self.stderr.write(f"{path}: HTTP {response.status if response else 'no response'}")
                    continue
                file = out_dir / f"{name.strip('/').replace('/', '-') or 'home'}.png"
                page.screenshot(path=str(file), full_page=not viewport_only)
                self.stdout.write(f"{path} -> {file}")
