from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [("shop", "0001_initial")]
    operations = [
        migrations.RunSQL("ALTER TABLE shop_order DROP COLUMN note", reverse_sql="ALTER TABLE shop_order ADD COLUMN note text"),
    ]
