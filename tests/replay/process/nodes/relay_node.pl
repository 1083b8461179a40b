#!/usr/bin/perl
# A Maelstrom broadcast node for rumor's process-mode tests (Perl 5 core modules only).
#
# No timers: a value a client gives it goes at once to every other node, which keeps it without
# relaying (a full mesh, one message per peer per value, fire and forget). Its start time
# (CLOCK_MONOTONIC, ns) is the first line of its stderr, "start-ns N", like the Python nodes'.
use strict;
use warnings;
use JSON::PP;
use Time::HiRes qw(clock_gettime CLOCK_MONOTONIC);

my $start_ns = int(clock_gettime(CLOCK_MONOTONIC) * 1e9);
print STDERR "start-ns $start_ns\n";
$| = 1;

my $json = JSON::PP->new->canonical;
my ($node_id, @peers, %values);
my $next_msg_id = 0;

sub send_body {
  my ($dest, $body) = @_;
  print $json->encode({src => $node_id, dest => $dest, body => $body}), "\n";
}

sub reply {
  my ($request, $body) = @_;
  $body->{msg_id} = ++$next_msg_id;
  $body->{in_reply_to} = $request->{body}{msg_id};
  send_body($request->{src}, $body);
}

while (my $line = <STDIN>) {
  my $message = $json->decode($line);
  my $body = $message->{body};
  my $type = $body->{type};
  if ($type eq 'init') {
    $node_id = $body->{node_id};
    @peers = grep { $_ ne $node_id } @{$body->{node_ids}};
    reply($message, {type => 'init_ok'});
  } elsif ($type eq 'topology') {
    reply($message, {type => 'topology_ok'});
  } elsif ($type eq 'broadcast') {
    my $value = $body->{message};
    unless (exists $values{$value}) {
      $values{$value} = 1;
      send_body($_, {type => 'relay', value => $value}) for @peers;
    }
    reply($message, {type => 'broadcast_ok'});
  } elsif ($type eq 'read') {
    reply($message, {type => 'read_ok', messages => [sort { $a <=> $b } map { $_ + 0 } keys %values]});
  } elsif ($type eq 'relay') {
    $values{$body->{value}} = 1;
  }
}
