# Lockout per account and per address: refused attempts are marked, counts are indexed.

from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("accounts", "0001_initial"),
    ]

    operations = [
        migrations.AddField(
            model_name="loginattempt",
            name="locked_out",
            field=models.BooleanField(default=False, verbose_name="refused while locked"),
        ),
        migrations.AddIndex(
            model_name="loginattempt",
            index=models.Index(fields=["username", "at"], name="loginattempt_user_at"),
        ),
        migrations.AddIndex(
            model_name="loginattempt",
            index=models.Index(fields=["ip_address", "at"], name="loginattempt_address_at"),
        ),
    ]
