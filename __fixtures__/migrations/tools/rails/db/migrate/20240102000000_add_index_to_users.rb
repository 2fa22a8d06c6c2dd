class AddIndexToUsers < ActiveRecord::Migration[7.1]
  def up
    execute <<~SQL
      CREATE INDEX users_email_idx ON users (email);
    SQL
  end

  def down
    execute "DROP INDEX users_email_idx"
  end
end
