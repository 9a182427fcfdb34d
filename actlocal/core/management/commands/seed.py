"""``manage.py seed --scale demo|large [--seed N] [--reset]``: demo data, or a dataset for benchmarks."""

from __future__ import annotations

import time

from django.core.management.base import BaseCommand, CommandParser

from actlocal.core.seeding.accounts import DEMO_ACCOUNTS, DEMO_PASSWORD
from actlocal.core.seeding.dataset import SCALES, dataset_seed


class Command(BaseCommand):
    help = "Fill the database with believable, deterministic demo data (or a million-leader dataset)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--scale", choices=SCALES, default="demo")
        parser.add_argument("--seed", type=int, default=2018, help="Same seed, same data (default 2018).")
        parser.add_argument(
            "--reset", action="store_true", help="Delete previously seeded data first (slow at large scale)."
        )

    def handle(self, *args, scale: str, seed: int, reset: bool, **options) -> None:
        started = time.perf_counter()
        self.stdout.write(f"Seeding {scale} data (seed {seed})...")
        counts = dataset_seed(scale=scale, seed=seed, reset=reset, log=self.stdout.write)
        if counts is None:
            return
        self.stdout.write(self.style.SUCCESS(f"Seeded {scale} data in {time.perf_counter() - started:.1f}s."))
        self.stdout.write(f"Demo logins (demo only; password for all: {DEMO_PASSWORD}):")
        for email, role in DEMO_ACCOUNTS:
            self.stdout.write(f"  {email:<26} {role}")
