"""A plan revision says whether it is the live plan as edited on the web, kept when another
revision was made live (``kept_from_edits``; every existing revision was loaded as is)."""

from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("planning", "0006_space_figures_general")]

    operations = [
        migrations.AddField(
            model_name="planrevision",
            name="kept_from_edits",
            field=models.BooleanField(
                default=False,
                help_text="The live plan as edited on the web, kept when another revision was made live.",
                verbose_name="kept from web edits",
            ),
        ),
    ]
