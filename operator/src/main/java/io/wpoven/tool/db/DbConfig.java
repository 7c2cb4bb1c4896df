package io.wpoven.tool.db;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Properties;

import io.wpoven.tool.ConfigException;
import io.wpoven.tool.Env;
import io.wpoven.tool.ToolException;

/** A MariaDB database from {@code <prefix>HOST, PORT, NAME, USER, PASSWORD}; the password is never shown. */
public record DbConfig(String prefix, String host, int port, String name, String user, String password) {

    public static DbConfig fromEnv(Env env, String prefix) {
        int port = env.integer(prefix + "PORT", 3306);
        if (port < 1 || port > 65535) {
            throw new ConfigException(prefix + "PORT", "must be a port number, not " + port);
        }
        return new DbConfig(prefix, env.required(prefix + "HOST"), port, env.required(prefix + "NAME"),
                env.required(prefix + "USER"), env.secret(prefix + "PASSWORD"));
    }

    public Connection connect() {
        Properties props = new Properties();
        props.setProperty("user", user);
        props.setProperty("password", password);
        // values exactly as stored: TINYINT(1) and YEAR stay numbers
        props.setProperty("tinyInt1isBit", "false");
        props.setProperty("yearIsDateType", "false");
        props.setProperty("connectTimeout", "30000");
        try {
            Connection connection = DriverManager.getConnection("jdbc:mariadb://" + host + ":" + port + "/" + name, props);
            Sql.execute(connection, "SET NAMES utf8mb4");
            return connection;
        } catch (SQLException e) {
            throw new ToolException("cannot connect to database " + this + ": " + e.getMessage(), e);
        }
    }

    @Override
    public String toString() {
        return name + " on " + host + ":" + port + " as " + user;
    }
}
