class ChangeUsers < ActiveRecord::Migration[6.1]
  def up
    remove_column :users, :note
    rename_column :users, :email, :mail
    add_column :users, :plan, :string, null: false
    change_column :users, :age, :bigint
    add_index :users, :mail
    create_table :teams
    add_column :teams, :name, :string, null: false
  end

  def down
    raise ActiveRecord::IrreversibleMigration
  end
end
