# Runs the app's migrations the way `bin/rails db:migrate` does, for a project without the rails gem.
require 'active_record'

ActiveRecord::Base.establish_connection(ENV.fetch('DATABASE_URL'))
ActiveRecord::MigrationContext.new(File.expand_path('db/migrate', __dir__), ActiveRecord::SchemaMigration).migrate
