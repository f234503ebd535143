package dev.arrowtap.demo;

import dev.arrowtap.demo.DemoRecords.Address;
import dev.arrowtap.demo.DemoRecords.Event;
import dev.arrowtap.demo.DemoRecords.Order;
import dev.arrowtap.demo.DemoRecords.Product;
import dev.arrowtap.demo.DemoRecords.Ticket;
import dev.arrowtap.demo.DemoRecords.User;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;

/**
 * The demo's data set, generated from fixed seeds so that every run serves the same bytes.
 *
 * <p>{@link Random}'s algorithm is specified by its javadoc, so a seed gives the same sequence on
 * every JDK. Each collection has its own seed, so that changing one leaves the others as they were.
 */
record DemoData(
    List<User> users,
    List<Order> orders,
    List<Event> events,
    List<Product> products,
    List<Ticket> tickets) {
  static final int USERS = 250;
  static final int ORDERS = 1_000;
  static final int EVENTS = 500;
  static final int PRODUCTS = 120;
  static final int TICKETS = 75;

  private static final Instant EPOCH = Instant.parse("2024-01-01T00:00:00Z");
  // Instant.toString drops a zero millisecond part; events always show three digits instead.
  private static final DateTimeFormatter MILLIS =
      DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSX").withZone(ZoneOffset.UTC);
  private static final String[] FIRST = {
    "Ada", "Alan", "Grace", "Linus", "Barbara", "Dennis", "Margaret", "Ken", "Frances", "Edsger",
    "Radia", "Niklaus", "Shafi", "Tim", "Hedy", "Donald", "Sophie", "John", "Karen", "Bjarne"
  };
  private static final String[] LAST = {
    "Lovelace", "Turing", "Hopper", "Torvalds", "Liskov", "Ritchie", "Hamilton", "Thompson",
    "Allen", "Dijkstra", "Perlman", "Wirth", "Goldwasser", "Berners-Lee", "Lamarr", "Knuth",
    "Wilson", "Backus", "Jones", "Stroustrup"
  };
  // Non-ASCII city names on purpose: the demo shows that UTF-8 survives the trip into SQL.
  private static final String[][] PLACES = {
    {"US", "New York", "Austin", "Seattle"},
    {"DE", "Berlin", "München", "Köln"},
    {"FR", "Paris", "Lyon", "Besançon"},
    {"GB", "London", "Leeds", "Edinburgh"},
    {"BR", "São Paulo", "Recife", "Curitiba"},
    {"CA", "Toronto", "Montréal", "Calgary"}
  };
  private static final Map<String, String> CURRENCY =
      Map.of("US", "USD", "DE", "EUR", "FR", "EUR", "GB", "GBP", "BR", "BRL", "CA", "CAD");
  private static final String[] TAGS = {
    "beta", "vip", "newsletter", "churn-risk", "enterprise", "mobile"
  };
  private static final String[] ORDER_STATUS = {"paid", "paid", "shipped", "pending", "refunded"};
  private static final String[] EVENT_TYPES = {"page_view", "click", "search", "purchase"};
  private static final String[] PAGES = {"/", "/pricing", "/docs", "/blog", "/checkout"};
  private static final String[] DEVICES = {"desktop", "mobile", "tablet"};
  private static final String[] ADJECTIVES = {
    "Compact", "Deluxe", "Rugged", "Silent", "Smart", "Solar"
  };
  private static final String[] NOUNS = {
    "Kettle",
    "Lamp",
    "Backpack",
    "Keyboard",
    "Speaker",
    "Drone",
    "Thermos",
    "Tent",
    "Router",
    "Camera",
    "Desk",
    "Bike",
    "Watch",
    "Charger",
    "Blender",
    "Scooter",
    "Monitor",
    "Grill",
    "Fan",
    "Heater"
  };
  private static final String[] SUBJECTS = {
    "Cannot log in", "Refund request", "Invoice is wrong", "App crashes on start",
    "Change my e-mail", "Order not delivered", "Feature request: dark mode", "Password reset"
  };
  private static final String[] PRIORITIES = {"low", "normal", "normal", "high", "urgent"};

  DemoData {
    users = List.copyOf(users);
    orders = List.copyOf(orders);
    events = List.copyOf(events);
    products = List.copyOf(products);
    tickets = List.copyOf(tickets);
  }

  /** The one data set the demo serves. */
  static DemoData generate() {
    List<User> users = users(new Random(1));
    return new DemoData(
        users,
        orders(new Random(2), users),
        events(new Random(3)),
        products(new Random(4)),
        tickets(new Random(5)));
  }

  private static List<User> users(Random random) {
    List<User> users = new ArrayList<>(USERS);
    Instant signup = EPOCH.minus(400, ChronoUnit.DAYS);
    for (int id = 1; id <= USERS; id++) {
      String first = FIRST[random.nextInt(FIRST.length)];
      String last = LAST[random.nextInt(LAST.length)];
      String[] place = PLACES[random.nextInt(PLACES.length)];
      signup = signup.plusSeconds(30_000 + random.nextInt(100_000));
      users.add(
          new User(
              id,
              first + " " + last,
              (first + "." + last).toLowerCase(Locale.ROOT).replace("-", "") + id + "@example.com",
              signup.toString(),
              random.nextInt(10) < 8,
              withFraction(random.nextInt(10_000)),
              new Address(
                  place[1 + random.nextInt(3)], String.format("%05d", random.nextInt(100_000))),
              tags(random),
              place[0]));
    }
    return users;
  }

  private static List<String> tags(Random random) {
    List<String> tags = new ArrayList<>();
    for (String tag : TAGS) {
      if (random.nextInt(4) == 0) {
        tags.add(tag);
      }
    }
    return tags;
  }

  private static List<Order> orders(Random random, List<User> users) {
    // The first USERS orders go to every user once, in shuffled order, so every user has one.
    List<Integer> firstBuyers = new ArrayList<>();
    for (int id = 1; id <= USERS; id++) {
      firstBuyers.add(id);
    }
    Collections.shuffle(firstBuyers, random);
    List<Order> orders = new ArrayList<>(ORDERS);
    Instant created = EPOCH;
    for (int id = 1; id <= ORDERS; id++) {
      int userId = id <= USERS ? firstBuyers.get(id - 1) : 1 + random.nextInt(USERS);
      created = created.plusSeconds(60 + random.nextInt(20_000));
      orders.add(
          new Order(
              id,
              userId,
              withFraction(500 + random.nextInt(50_000)),
              CURRENCY.get(users.get(userId - 1).country()),
              ORDER_STATUS[random.nextInt(ORDER_STATUS.length)],
              created.toString()));
    }
    return orders;
  }

  private static List<Event> events(Random random) {
    List<Event> events = new ArrayList<>(EVENTS);
    Instant at = EPOCH.plus(200, ChronoUnit.DAYS);
    for (int id = 1; id <= EVENTS; id++) {
      at = at.plusMillis(1_000 + random.nextInt(600_000));
      Map<String, Object> payload = new LinkedHashMap<>();
      payload.put("path", PAGES[random.nextInt(PAGES.length)]);
      payload.put("duration_ms", 20 + random.nextInt(5_000));
      payload.put("device", DEVICES[random.nextInt(DEVICES.length)]);
      events.add(
          new Event(
              id,
              1 + random.nextInt(USERS),
              EVENT_TYPES[random.nextInt(EVENT_TYPES.length)],
              MILLIS.format(at),
              payload));
    }
    return events;
  }

  private static List<Product> products(Random random) {
    List<Product> products = new ArrayList<>(PRODUCTS);
    LocalDate released = LocalDate.of(2019, 1, 1);
    for (int n = 1; n <= PRODUCTS; n++) {
      released = released.plusDays(1 + random.nextInt(30));
      products.add(
          new Product(
              String.format("SKU-%04d", n),
              ADJECTIVES[(n - 1) / NOUNS.length % ADJECTIVES.length]
                  + " "
                  + NOUNS[(n - 1) % NOUNS.length],
              withFraction(199 + random.nextInt(100_000)),
              random.nextInt(5) > 0,
              released.toString()));
    }
    return products;
  }

  private static List<Ticket> tickets(Random random) {
    List<Ticket> tickets = new ArrayList<>(TICKETS);
    Instant opened = EPOCH.plus(100, ChronoUnit.DAYS);
    for (int id = 1; id <= TICKETS; id++) {
      opened = opened.plusSeconds(600 + random.nextInt(200_000));
      tickets.add(
          new Ticket(
              id,
              1 + random.nextInt(USERS),
              SUBJECTS[random.nextInt(SUBJECTS.length)],
              PRIORITIES[random.nextInt(PRIORITIES.length)],
              opened.toString()));
    }
    return tickets;
  }

  /**
   * Cents as a double that always has a fraction, so that schema inference sees {@code DOUBLE} from
   * the first record on rather than widening from {@code BIGINT}.
   */
  private static double withFraction(int cents) {
    return (cents % 100 == 0 ? cents + 1 : cents) / 100.0;
  }
}
