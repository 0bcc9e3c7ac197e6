from django.core.management.base import BaseCommand

from gongkai.demo import city
from gongkai.demo.loader import load_all


class Command(BaseCommand):
    help = "Load the demo city (抚顺市) with its organisations, guides, users and content. Idempotent."

    def handle(self, *args, **options):
        users = load_all(log=self.stdout.write)
        self.stdout.write("")
        self.stdout.write(self.style.SUCCESS(f"演示账号（密码均为 {city.DEMO_PASSWORD}）："))
        for username, org, roles in users:
            self.stdout.write(f"  {username:<18} {roles:<12} {org}")
